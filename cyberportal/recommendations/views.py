"""Pages of the recommendations capability: meetings, recommendations and lineage, themes, the timeline,
the importer (Secretariat), implementation reports (focal points, Secretariat) and the progress report."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberportal.core import policy
from cyberportal.core.access import public, signed_in
from cyberportal.core.imports import import_job_create, import_job_delete, import_job_of
from cyberportal.core.models import ImportJob
from cyberportal.core.uploads import UploadRefused
from cyberportal.states.models import State, reader_language

from . import importer, selectors, services
from .charts import status_bar_chart
from .forms import ImportForm, MeetingPreviewForm, ReportForm
from .models import Addressee, ImplementationReport, Meeting, Recommendation, Theme


@public
def meeting_list(request):
    return render(
        request,
        "recommendations/meeting_list.html",
        {"meetings": selectors.meetings(), "themes": Theme.objects.all()},
    )


@public
def meeting_detail(request, slug: str):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), slug=slug)
    return render(
        request,
        "recommendations/meeting_detail.html",
        {"meeting": meeting, "recommendations": selectors.recommendations_of(meeting)},
    )


@public
def recommendation_detail(request, slug: str, number: int):
    recommendation = selectors.recommendation(slug, number)
    if recommendation is None:
        raise Http404(_("There is no recommendation %(number)s of that meeting.") % {"number": number})
    addressee_codes = {a.code for a in recommendation.addressees.all()}
    context = {
        "recommendation": recommendation,
        "lineage": recommendation.lineage(),
        "followed_by": recommendation.followed_by.all(),
        "state_reports": selectors.state_reports(recommendation, request.user),
        "secretariat_report": selectors.secretariat_report(recommendation, request.user),
        "may_report_for_state": policy.can_report_for_own_state(request.user)
        and Addressee.Code.STATES in addressee_codes,
        "addressed_to_secretariat": bool(addressee_codes & {"technical_secretariat", "general_secretariat"}),
    }
    return render(request, "recommendations/recommendation_detail.html", context)


@public
def theme_detail(request, code: str):
    theme = get_object_or_404(Theme, code=code)
    return render(
        request,
        "recommendations/theme_detail.html",
        {"theme": theme, "recommendations": selectors.by_theme(code), "themes": Theme.objects.all()},
    )


@public
def timeline_view(request):
    meetings = {(m.body.kind, m.number): m for m in selectors.meetings()}
    language = reader_language()
    events = []
    used = set()
    sources = []
    for entry in selectors.timeline_entries():
        key = entry.meeting_key
        events.append(
            {
                "year": entry.year,
                "date": str(entry.date or ""),
                "text": entry.text_in(language),
                "meeting": meetings.get(key) if key else None,
            }
        )
        if key:
            used.add(key)
        if entry.source and entry.source not in sources:
            sources.append(entry.source)
    for key, meeting in meetings.items():
        if key not in used:
            events.append(
                {"year": meeting.year, "date": str(meeting.start_date or ""), "text": "", "meeting": meeting}
            )
    events.sort(key=lambda e: (e["year"], e["date"]))
    return render(request, "recommendations/timeline.html", {"events": events, "sources": sources})


# --- Importer (Secretariat) ---------------------------------------------------------------------------


def _require_importer(user):
    if not policy.can_import_recommendations(user):
        raise PermissionDenied(_("Only the Secretariat may do this."))


@signed_in
def import_upload(request):
    _require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("document")
        if upload:
            name, data = upload.name, upload.read()
        else:
            name, data = "pasted.txt", form.cleaned_data["text"].encode("utf-8")
        # Read by the background worker (core/imports.py); the document never enters the session.
        try:
            job = import_job_create(user=request.user, kind="recommendations", name=name, data=data)
        except UploadRefused as problem:
            error = str(problem)
        else:
            if job.status == ImportJob.Status.FAILED:  # read at once (small site, tests): say why here
                error = job.error
                import_job_delete(job)
            elif job.status == ImportJob.Status.DONE:
                return redirect("recommendations:import_preview", token=job.token)
            else:
                return redirect("import_status", token=job.token)
    return render(request, "recommendations/import_upload.html", {"form": form, "error": error})


def _candidates(exclude_year=None):
    return list(
        Recommendation.objects.select_related("meeting__body").order_by(
            "meeting__year", "meeting__start_date", "number"
        )
    )


@signed_in
def import_preview(request, token: str):
    _require_importer(request.user)
    job = import_job_of(request.user, token, kind="recommendations")
    if job is None:
        messages.info(request, _("Upload or paste a document first."))
        return redirect("recommendations:import")
    if job.status != ImportJob.Status.DONE:
        return redirect("import_status", token=job.token)
    document = importer.document_from_data(job.result)
    candidates = _candidates()
    importer.propose_lineage(document, candidates)
    meeting = document.meeting
    initial = {
        "body": meeting.body,
        "number": meeting.number,
        "year": meeting.year,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "place": meeting.place,
        "symbol": meeting.symbol,
        "original_language": meeting.original_language or document.language,
    }
    form = MeetingPreviewForm(request.POST or None, initial=initial)
    save_error = None
    if request.method == "POST":
        # The editor's corrections replace the proposals, recommendation by recommendation.
        for rec in document.recommendations:
            rec.themes = request.POST.getlist(f"themes-{rec.number}")
            rec.addressees = request.POST.getlist(f"addressees-{rec.number}")
            previous = request.POST.get(f"previous-{rec.number}", "")
            rec.previous_id = int(previous) if previous.isdigit() else None
        if form.is_valid():
            for key, value in form.cleaned_data.items():
                setattr(meeting, key, value)
            try:
                saved = services.meeting_import(document=document, user=request.user)
            except ValidationError as error:
                save_error = (
                    "; ".join(m for messages_ in error.message_dict.values() for m in messages_)
                    if hasattr(error, "message_dict")
                    else "; ".join(error.messages)
                )
            else:
                import_job_delete(job)
                messages.success(
                    request,
                    _("Imported %(meeting)s with %(count)s recommendations.")
                    % {"meeting": saved, "count": len(document.recommendations)},
                )
                return redirect(saved.get_absolute_url())
    context = {
        "document": document,
        "form": form,
        "save_error": save_error,
        "themes": Theme.objects.all(),
        "addressees": Addressee.objects.all(),
        "candidates": candidates,
    }
    return render(request, "recommendations/import_preview.html", context)


# --- Implementation reports ---------------------------------------------------------------------------


@signed_in
def report_edit(request, slug: str, number: int):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("meeting"), meeting__slug=slug, number=number
    )
    if policy.can_review_implementation(request.user):
        code = request.GET.get("state") or request.POST.get("state") or ""
        state = get_object_or_404(State, code=code.upper()) if code else None
    elif policy.can_report_for_own_state(request.user):
        state = request.user.state
    else:
        raise PermissionDenied(_("Only focal points and the Secretariat report on implementation."))
    existing = ImplementationReport.objects.filter(recommendation=recommendation, state=state).first()
    if existing is not None and not policy.can_edit(request.user, existing):
        raise PermissionDenied(_("You may report only for your own state."))
    # The form shows the latest draft (an accepted report's pending change), not only what was accepted.
    draft = existing.get_latest_revision_as_object() if existing is not None else None
    form = ReportForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(
                user=request.user,
                recommendation=recommendation,
                state=state,
                status=form.cleaned_data["status"],
                narrative=form.cleaned_data["narrative"],
                evidence_links=form.cleaned_data["evidence_links"],
                as_of=form.cleaned_data["as_of"],
                submit="submit" in request.POST and policy.can_submit_for_review(request.user),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "submit" in request.POST:
                messages.success(
                    request, _("Report submitted to the Secretariat, which will accept it or return it.")
                )
            else:
                messages.success(request, _("Report saved as a draft; submit it when it is ready."))
            return redirect("recommendations:my_reports")
    history = existing.history.select_related("changed_by") if existing else []
    return render(
        request,
        "recommendations/report_form.html",
        {
            "form": form,
            "recommendation": recommendation,
            "state": state,
            "report": existing,
            "history": history,
            "review": services.report_review_of(existing) if existing is not None else None,
        },
    )


@signed_in
def my_reports(request):
    context = {}
    if policy.can_report_for_own_state(request.user):
        context["state"] = request.user.state
        context["rows"] = selectors.rows_for_state(
            request.user.state, request.user, page=request.GET.get("page")
        )
    elif policy.can_review_implementation(request.user):
        # Both lists a page at a time: thousands of drafts or recommendations would be megabytes.
        drafts_page = request.GET.get("drafts")
        secretariat_page = request.GET.get("secretariat")
        size = selectors.REPORT_ROWS_PAGE_SIZE
        context["drafts"] = Paginator(selectors.drafts_for_review(), size).get_page(drafts_page)
        context["secretariat_rows"] = Paginator(
            selectors.addressed_to_secretariat()
            .select_related("meeting__body")
            .order_by("meeting__year", "number", "pk"),
            size,
        ).get_page(secretariat_page)
        context["drafts_query"] = urlencode({"secretariat": context["secretariat_rows"].number})
        context["secretariat_query"] = urlencode({"drafts": context["drafts"].number})
    else:
        raise PermissionDenied(_("Only focal points and the Secretariat report on implementation."))
    return render(request, "recommendations/my_reports.html", context)


@signed_in
@require_POST
def report_accept(request, pk: int):
    report = get_object_or_404(ImplementationReport, pk=pk)
    services.report_accept(user=request.user, report=report)
    messages.success(request, _("Report accepted: %(report)s.") % {"report": report})
    return redirect("recommendations:my_reports")


@signed_in
@require_POST
def report_return(request, pk: int):
    report = get_object_or_404(ImplementationReport, pk=pk)
    try:
        services.report_return(user=request.user, report=report, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Report returned with your comment: %(report)s.") % {"report": report})
    return redirect("recommendations:my_reports")


# --- Progress report ----------------------------------------------------------------------------------


def _report_language(request) -> str:
    requested = request.GET.get("lang", "")
    return requested if requested in {"en", "es", "pt", "fr"} else translation.get_language() or "en"


def _progress_context(request, meeting):
    data = selectors.progress(meeting, request.user)
    for row in data["rows"]:
        row["chart"] = status_bar_chart(
            row["counts"], title=_("Recommendation %(n)s") % {"n": row["recommendation"].number}
        )
    return {"meeting": meeting, **data}


@public
def progress_report(request, slug: str):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), slug=slug)
    requested = request.GET.get("lang", "")
    if requested in {"en", "es", "pt", "fr"} and requested != translation.get_language():
        # The URL's prefix is the page's language: an old "?lang=" link goes to that language's
        # address instead of rendering its menus and links in another language than the URL says.
        return redirect(translate_url(request.path, requested))
    response = render(request, "recommendations/progress.html", _progress_context(request, meeting))
    response["Content-Language"] = translation.get_language()
    return response


@public
def progress_report_pdf(request, slug: str):
    from .pdf import progress_pdf

    meeting = get_object_or_404(Meeting.objects.select_related("body"), slug=slug)
    language = _report_language(request)
    with translation.override(language):
        content = progress_pdf(_progress_context(request, meeting), language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="progress-{meeting.slug}-{language}.pdf"'
    response["Content-Language"] = language
    return response
