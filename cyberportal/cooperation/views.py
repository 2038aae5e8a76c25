"""Pages of cooperation in practice: one measure compared across states, a state's sheets (public), and
the request-drafting assistant (vetted users; each draft its author's alone).

What a reader sees comes from `selectors`; an experts-only note never reaches a visitor's page because
the selector empties it before any template runs.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cyberportal.caching.pagecache import cache_params
from cyberportal.core import policy
from cyberportal.core.access import public, signed_in
from cyberportal.states.models import State, language_name

from . import assistant, documents, selectors, services
from .forms import ChoiceForm, RequestForm
from .models import Measure


@public
@cache_params("measure")
def regional_view(request):
    measure = (request.GET.get("measure") or Measure.PRESERVATION).strip()
    errors = []
    if measure not in Measure.values:
        errors.append(
            _("Measure: “%(value)s” is not a valid choice; it was ignored.") % {"value": measure[:50]}
        )
        measure = Measure.PRESERVATION
    context = {
        "regional": selectors.regional(measure, request.user),
        "measures": Measure.choices,
        "errors": errors,
    }
    return render(request, "cooperation/regional.html", context)


@public
def state_view(request, code: str):
    state = State.objects.filter(code=code.upper()[:2]).first() if len(code) == 2 else None
    if state is None:
        raise Http404(_("There is no state “%(code)s”.") % {"code": code[:10]})
    return render(
        request,
        "cooperation/state.html",
        {"found": selectors.state_sheets(state, request.user), "state": state},
    )


# --- The request-drafting assistant (signed-in, vetted users; never cached, never indexed) -----------


def _may_draft_or_403(user) -> None:
    if not policy.can_draft_requests(user):
        raise PermissionDenied(_("The request assistant is for vetted users."))


def _private(response):
    """Case data: no cache anywhere (never_cache does the headers), no search engine, no referrer abroad."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"  # "no-referrer" makes browsers post Origin: null (CSRF)
    return response


def _reader_languages(request) -> list[str]:
    user_state = getattr(request.user, "state", None)
    return [
        translation.get_language() or "en",
        *((user_state.official_languages or []) if user_state else []),
    ]


def _chosen(source, user, reader_languages):
    """(choice form, known facts, basis, errors) for the state, measure and basis in `source`."""
    choice = ChoiceForm(source if source.get("state") or source.get("measure") else None)
    errors = []
    if not choice.is_bound:
        return choice, None, "", errors
    state_code = (source.get("state") or "").upper()[:2]
    measure = source.get("measure") or ""
    # Only two letters reach the database (a NUL byte would make PostgreSQL fail, not answer).
    state = State.objects.filter(code=state_code).first() if re.fullmatch("[A-Z]{2}", state_code) else None
    if state is None:
        errors.append(
            _("Requested state: “%(value)s” is not a state.") % {"value": source.get("state", "")[:20]}
        )
    if measure not in Measure.values:
        errors.append(_("Measure: “%(value)s” is not a valid choice.") % {"value": measure[:50]})
    if errors:
        return choice, None, "", errors
    known = selectors.assistant_known(state, measure, user, reader_languages=reader_languages)
    keys = [b.key for b in known.bases]
    basis = source.get("basis") or ""
    if basis and basis not in keys:
        errors.append(_("Legal basis: “%(value)s” is not offered for this measure.") % {"value": basis[:50]})
        basis = ""
    basis = basis or keys[0]
    choice = ChoiceForm(initial={"state": state.code, "measure": measure, "basis": basis}, bases=known.bases)
    return choice, known, basis, errors


def _addressee(known, user, basis: str) -> documents.Addressee:
    languages = documents.L
    user_state = getattr(user, "state", None)
    basis_article = next((b.article for b in known.bases if b.key == basis and b.article is not None), None)
    return documents.Addressee(
        state_code=known.state.code,
        state_names={lang: known.state.name_in(lang) for lang in languages},
        requesting_state_names={lang: user_state.name_in(lang) for lang in languages} if user_state else {},
        authority_name=known.authority.name if known.authority else "",
        authority_address=known.authority.address if known.authority else "",
        instrument_title=basis_article.instrument.title if basis_article else "",
    )


def _document(action: str, data: dict, known, user):
    """The download an `action` such as "pdf:es" asks for, or None if the action is not one."""
    fmt, _sep, language = action.partition(":")
    if fmt not in {"docx", "pdf"} or language not in assistant.DOCUMENT_LANGUAGES:
        return None
    addressee = _addressee(known, user, data["basis"])
    outline = documents.outline(data, addressee, language, today=timezone.localdate())
    if fmt == "docx":
        content = documents.as_docx(outline)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content, content_type = documents.as_pdf(outline), "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    filename = f"request-{data['measure']}-{data['state'].lower()}-{language}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _initial(user, draft) -> dict:
    if draft is not None:
        return {**draft.data, "keep_days": draft.data.get("keep_days", settings.REQUEST_DRAFTS_DEFAULT_DAYS)}
    name = user.get_full_name() or user.get_username()
    return {"officer": f"{name}, {user.email}" if user.email else name}


def _assistant(request, draft=None):
    _may_draft_or_403(request.user)
    source = request.POST if request.method == "POST" else request.GET
    if draft is not None and not source.get("state"):
        source = draft.data
    choice, known, basis, errors = _chosen(source, request.user, _reader_languages(request))
    context = {"choice": choice, "known": known, "basis": basis, "errors": errors, "draft": draft}
    if known is None:
        return _private(
            render(request, "cooperation/requests/form.html", context, status=400 if errors else 200)
        )
    kind = assistant.kind_for(known.measure, basis)
    requirements = assistant.field_requirements(kind, known.sheet)
    status = 400 if errors else 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "delete" and draft is not None:
            services.request_draft_erase(user=request.user, draft=draft, request=request)
            messages.success(request, _("The draft was erased."))
            return redirect("cooperation:request_list")
        form = RequestForm(request.POST, kind=kind, requirements=requirements)
        if form.is_valid() and not errors:
            data = {
                "state": known.state.code,
                "measure": known.measure,
                "basis": basis,
                **form.request_data(),
            }
            if action == "save":
                try:
                    draft = services.request_draft_save(
                        user=request.user,
                        data=data,
                        keep_days=form.cleaned_data["keep_days"],
                        draft=draft,
                        request=request,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("The draft is saved, encrypted, until %(date)s.")
                        % {
                            "date": formats.date_format(
                                timezone.localtime(draft.expires_at), "DATETIME_FORMAT"
                            )
                        },
                    )
                    return redirect("cooperation:request_edit", pk=draft.pk)
            else:
                response = _document(action, data, known, request.user)
                if response is not None:
                    return _private(response)
                errors.append(_("Action: “%(value)s” is not one this page offers.") % {"value": action[:30]})
        status = 400
    else:
        form = RequestForm(initial=_initial(request.user, draft), kind=kind, requirements=requirements)
    context |= {
        "form": form,
        "kind": kind,
        "basis_label": next((b.label for b in known.bases if b.key == basis), basis),
        "language_names": [(code, language_name(code)) for code in known.document_languages],
    }
    return _private(render(request, "cooperation/requests/form.html", context, status=status))


@signed_in
@never_cache
def request_new(request):
    return _assistant(request)


@signed_in
@never_cache
def request_edit(request, pk: int):
    _may_draft_or_403(request.user)
    draft = selectors.request_draft_for(request.user, pk)
    if draft is None:  # another user's, expired or never existed: the same answer
        raise Http404(_("There is no such draft."))
    return _assistant(request, draft)


@signed_in
@never_cache
def request_list(request):
    _may_draft_or_403(request.user)
    drafts = selectors.request_drafts_of(request.user)
    states = {s.code: s for s in State.objects.filter(code__in={d.data["state"] for d in drafts if d.data})}
    for draft in drafts:
        if draft.data:
            draft.state = states.get(draft.data["state"])
            draft.measure_label = Measure(draft.data["measure"]).label
    return _private(render(request, "cooperation/requests/list.html", {"drafts": drafts}))
