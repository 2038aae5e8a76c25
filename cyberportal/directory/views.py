"""Pages and exports of the directory. What a reader sees always comes from `selectors`, never from a
hand-written filter; a contact the reader may not see answers 404 exactly like one that does not exist."""

from __future__ import annotations

import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.caching.pagecache import cache_params
from cyberportal.core import policy
from cyberportal.core.access import public, signed_in
from cyberportal.core.collation import sorted_by_name
from cyberportal.core.profile import finder_sections
from cyberportal.core.roles import Visibility
from cyberportal.core.timezones import is_valid_zone
from cyberportal.states.models import State

from . import exporters, finder, selectors, services
from .forms import CampaignForm, CorrectionForm, EmailFormSet, FinderForm, PhoneFormSet, cleaned_rows
from .models import AuthorityKind, ContactCorrection, ContactRole, CorrectionStatus


def _not_found():
    # One message for "does not exist" and "restricted": a 404 must not reveal that a contact exists.
    return Http404(_("There is no such entry in the directory, or you may not see it."))


def _filters(request) -> selectors.DirectoryFilters:
    return selectors.filters_from(
        request.GET,
        messages={
            "state": _("State"),
            "role": _("Role"),
            "kind": _("Kind of authority"),
            "invalid": _("%(field)s: “%(value)s” is not a valid choice; it was ignored."),
        },
    )


def _states_sorted():
    return sorted_by_name(State.objects.all())


def _download(content, content_type: str, filename: str, *, request=None, contacts=()) -> HttpResponse:
    """The file as an attachment; an export holding any non-public contact goes to the audit trail."""
    restricted = [c.pk for c in contacts if c.visibility != Visibility.PUBLIC]
    if request is not None and restricted:
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            request=request,
            object_label=filename,
            changes={
                "format": content_type.split(";")[0],
                "contacts": len(list(contacts)),
                "non_public_contacts": restricted,
            },
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


DIRECTORY_PAGE_SIZE = 50  # each contact card costs ~3 ms to render; a page stays well under the budget


@public
@cache_params("state", "role", "kind", "q", "stale", "page")
def directory_index(request):
    filters = _filters(request)
    # Pages of a fixed size: with thousands of contacts, one page of all of them is megabytes.
    page = Paginator(selectors.directory_queryset(request.user, filters), DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "contacts": list(page.object_list),
        "page": page,
        "filters": filters,
        "query": filters.as_query(),
        "query_string": urlencode(filters.as_query()),
        "states": _states_sorted(),
        "roles": ContactRole.choices,
        "kinds": AuthorityKind.choices,
        "group_by_role": bool(filters.role),
    }
    return render(request, "directory/directory_index.html", context)


@public
def authority_detail(request, pk: int):
    authority = selectors.authority_for(request.user, pk)
    if authority is None:
        raise _not_found()
    context = {"authority": authority, "contacts": selectors.authority_contacts(request.user, authority)}
    return render(request, "directory/authority_detail.html", context)


@public
def contact_detail(request, pk: int):
    contact = selectors.contact_for(request.user, pk)
    if contact is None:
        raise _not_found()
    context = {"contact": contact, "can_edit": policy.can_edit(request.user, contact)}
    return render(request, "directory/contact_detail.html", context)


VCARD = "text/vcard; charset=utf-8"


@public
def contact_vcard(request, pk: int):
    contact = selectors.contact_for(request.user, pk)
    if contact is None:
        raise _not_found()
    return _download(
        exporters.contact_vcard(contact),
        VCARD,
        f"contact-{contact.pk}.vcf",
        request=request,
        contacts=[contact],
    )


@public
def authority_vcard(request, pk: int):
    authority = selectors.authority_for(request.user, pk)
    if authority is None:
        raise _not_found()
    contacts = selectors.authority_contacts(request.user, authority)
    return _download(
        exporters.authority_vcard(authority, contacts),
        VCARD,
        f"authority-{authority.pk}.vcf",
        request=request,
        contacts=contacts,
    )


@public
@cache_params("state", "role", "kind", "q", "stale")
def list_vcard(request):
    contacts = selectors.directory_contacts(request.user, _filters(request))
    return _download(
        exporters.contacts_vcard(contacts), VCARD, "directory.vcf", request=request, contacts=contacts
    )


@public
@cache_params("state", "role", "kind", "q", "stale")
def list_csv(request):
    contacts = selectors.directory_contacts(request.user, _filters(request))
    return _download(
        exporters.contacts_csv(contacts),
        "text/csv; charset=utf-8",
        "directory.csv",
        request=request,
        contacts=contacts,
    )


@public
@cache_params("state", "role", "kind", "q", "stale")
def list_pdf(request):
    contacts = selectors.directory_contacts(request.user, _filters(request))
    now = timezone.localtime(timezone.now(), _reader_tz(request))
    reader = (
        request.user.get_full_name() or request.user.get_username()
        if request.user.is_authenticated
        else _("the public")
    )
    pdf = exporters.contacts_pdf(
        contacts, title=_("Directory of points of contact"), reader=reader, generated_at=now
    )
    return _download(
        pdf, "application/pdf", f"directory-{now:%Y-%m-%d}.pdf", request=request, contacts=contacts
    )


def _now():
    """The current moment; one seam, so tests can ask the finder "at 3 a.m." without touching sessions."""
    return timezone.now()


def _reader_tz(request, chosen: str = "") -> zoneinfo.ZoneInfo:
    """The reader's own time zone: their profile's, else the one chosen on the form, else the instance's."""
    for name in (getattr(request.user, "time_zone", "") or "", chosen, settings.TIME_ZONE):
        if is_valid_zone(name):
            return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo("UTC")


@public
@cache_params(*FinderForm.base_fields)
def finder_view(request):
    form = FinderForm(request.GET or None)
    has_own_tz = bool(getattr(request.user, "time_zone", ""))
    answer = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        answer = finder.find(
            request.user,
            state=data["state"],
            measure=data["measure"],
            urgency=data["urgency"],
            now=_now(),
            reader_tz=_reader_tz(request, data.get("tz", "")),
        )
    context = {
        "form": form,
        "answer": answer,
        "has_own_tz": has_own_tz,
        "template_languages": finder.template_languages_for(answer.state) if answer else [],
        "query": request.GET.urlencode(),
        # What capabilities above the directory add to the answer (the measure sheet, the draft button).
        "finder_sections": (
            finder_sections(answer.state, answer.measure, answer.urgency, request.user) if answer else []
        ),
    }
    return render(request, "directory/finder.html", context)


@public
@cache_params(*FinderForm.base_fields, "lang")
def finder_template(request):
    form = FinderForm(request.GET)
    if not form.is_valid():
        return render(request, "directory/finder.html", {"form": form, "answer": None}, status=400)
    data = form.cleaned_data
    if data["measure"] not in finder.TEMPLATE_MEASURES:
        raise Http404(_("There is no request template for this measure yet."))
    answer = finder.find(
        request.user,
        state=data["state"],
        measure=data["measure"],
        urgency=data["urgency"],
        now=_now(),
        reader_tz=_reader_tz(request, data.get("tz", "")),
    )
    language = finder.template_language(data["state"], request.GET.get("lang", ""))
    text = finder.render_template(
        state=data["state"],
        authority=answer.authority,
        urgency=data["urgency"],
        language=language,
        today=timezone.localdate(),
    )
    filename = f"preservation-request-{data['state'].code.lower()}-{language}.txt"
    return _download(text, "text/plain; charset=utf-8", filename)


# --- Verification links (no login) ------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    try:
        vrequest = services.verification_request_for(token)
    except ValidationError as error:
        return render(request, "directory/verify_invalid.html", {"message": error.messages[0]}, status=410)
    contact = vrequest.contact
    region = contact.authority.state.code
    initial_phones = [{"kind": p.kind, "number": p.number} for p in contact.phones.all()]
    initial_emails = [{"address": e.address} for e in contact.emails.all()]
    form = CorrectionForm(
        request.POST or None,
        initial={
            "name": contact.name,
            "title": contact.title,
            "languages_spoken": list(contact.languages_spoken),
            "available_247": contact.available_247,
            "secure_channel": contact.secure_channel,
        },
    )
    phones = PhoneFormSet(
        request.POST or None, prefix="phones", initial=initial_phones, form_kwargs={"region": region}
    )
    emails = EmailFormSet(request.POST or None, prefix="emails", initial=initial_emails)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm":
                services.verification_confirm(token=token)
                return render(request, "directory/verify_done.html", {"confirmed": True})
            if form.is_valid() and phones.is_valid() and emails.is_valid():
                data = form.cleaned_data
                proposed = {
                    "name": data["name"],
                    "title": data["title"],
                    "languages_spoken": data["languages_spoken"],
                    "available_247": data["available_247"],
                    "secure_channel": data["secure_channel"],
                    "phones": cleaned_rows(phones, ["kind", "number"]),
                    "emails": [row["address"] for row in cleaned_rows(emails, ["address"])],
                }
                services.verification_correct(token=token, proposed=proposed, comment=data["comment"])
                return render(request, "directory/verify_done.html", {"confirmed": False})
        except ValidationError as error:
            return render(
                request, "directory/verify_invalid.html", {"message": error.messages[0]}, status=410
            )
    context = {"contact": contact, "form": form, "phones": phones, "emails": emails, "request_obj": vrequest}
    return render(request, "directory/verify.html", context, status=400 if request.method == "POST" else 200)


# --- Secretariat and focal points --------------------------------------------------------------


@signed_in
def dashboard(request):
    board = selectors.dashboard_for(
        request.user, page=request.GET.get("page"), bounced_page=request.GET.get("bounced")
    )
    if board is None:
        raise PermissionDenied(_("The verification dashboard is for the Secretariat and focal points."))
    # Each list's page links keep the other list's page.
    context = {
        "board": board,
        "overdue_query": urlencode({"bounced": board.bounced_addresses.number}),
        "bounced_query": urlencode({"page": board.overdue_contacts.number}),
    }
    return render(request, "directory/dashboard.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    if not policy.can_manage_campaigns(request.user):
        raise PermissionDenied(_("Only the Secretariat starts verification campaigns."))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = services.campaign_start(
            started_by=request.user,
            state=data.get("state"),
            role=data.get("role") or None,
            everything=data.get("everything", False),
        )
        messages.success(
            request,
            _(
                "Campaign started: %(sent)s e-mails sent, %(skipped)s contacts without an address, %(bounced)s bounced."
            )
            % {"sent": result.sent, "skipped": len(result.skipped), "bounced": len(result.bounced)},
        )
        return redirect("directory:dashboard")
    return render(request, "directory/campaign_new.html", {"form": form})


@signed_in
def correction_list(request):
    if not policy.can_review_directory(request.user):
        raise PermissionDenied(_("Corrections are decided by the Secretariat and focal points."))
    return render(
        request, "directory/correction_list.html", {"corrections": selectors.corrections_for(request.user)}
    )


@signed_in
@require_http_methods(["GET", "POST"])
def correction_detail(request, pk: int):
    correction = ContactCorrection.objects.select_related("contact__authority__state").filter(pk=pk).first()
    if correction is None or not policy.can_edit(request.user, correction.contact):
        raise _not_found()
    if request.method == "POST" and correction.status == CorrectionStatus.PENDING:
        try:
            if request.POST.get("action") == "accept":
                services.correction_accept(correction=correction, user=request.user)
                if policy.can_publish(request.user, correction.contact):
                    messages.success(request, _("The correction was accepted and the contact is verified."))
                else:
                    messages.success(
                        request,
                        _(
                            "The correction was sent to the Secretariat for review; the entry changes when "
                            "they approve it."
                        ),
                    )
            elif request.POST.get("action") == "reject":
                services.correction_reject(correction=correction, user=request.user)
                messages.success(request, _("The correction was rejected; the entry is unchanged."))
        except (ValidationError, PermissionDenied) as error:
            text = error.messages[0] if isinstance(error, ValidationError) else str(error)
            messages.error(request, text)
        return redirect("directory:corrections")
    contact = correction.contact
    current = {
        "name": contact.name,
        "title": contact.title,
        "phones": [{"kind": p.kind, "number": p.number} for p in contact.phones.all()],
        "emails": [e.address for e in contact.emails.all()],
        "languages_spoken": contact.languages_spoken,
        "available_247": contact.available_247,
        "secure_channel": contact.secure_channel,
    }
    rows = [
        (
            key,
            current.get(key),
            correction.proposed.get(key),
            current.get(key) != correction.proposed.get(key),
        )
        for key in [
            "name",
            "title",
            "phones",
            "emails",
            "languages_spoken",
            "available_247",
            "secure_channel",
        ]
    ]
    return render(request, "directory/correction_detail.html", {"correction": correction, "rows": rows})
