"""Pages of the legislation compendium: laws by state, a law (as in force on a date), a framework
article across states, the comparison matrix, gap reports, comparison, search, and the import form."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberportal.caching.pagecache import cache_params
from cyberportal.core import policy
from cyberportal.core.access import public, signed_in
from cyberportal.core.imports import import_job_create, import_job_delete, import_job_of
from cyberportal.core.models import ImportJob
from cyberportal.core.profile import article_sections
from cyberportal.core.uploads import UploadRefused
from cyberportal.states.models import Article, ArticleCategory, Instrument, State

from . import exporters, selectors, services
from . import search as search_module
from .forms import CompareForm, ImportConfirmForm, ImportUploadForm, SearchForm
from .importers import parsed_from_data
from .models import SavedSearch

DEFAULT_INSTRUMENT = "cets-185"
RESULTS_PER_PAGE = 20
MATRIX_STATES_PER_PAGE = 50


def _state_or_404(code: str) -> State:
    state = State.objects.filter(code=code.upper()).first() if len(code) == 2 else None
    if state is None:
        raise Http404(_("There is no state with the code “%(code)s”.") % {"code": code[:10]})
    return state


def _instrument(request) -> tuple[Instrument, list[str]]:
    slug = request.GET.get("instrument") or DEFAULT_INSTRUMENT
    instrument = Instrument.objects.filter(slug=slug).first()
    errors = []
    if instrument is None:
        errors.append(
            _("Instrument: “%(value)s” is not known; showing the Budapest Convention.") % {"value": slug[:50]}
        )
        instrument = Instrument.objects.filter(slug=DEFAULT_INSTRUMENT).first() or Instrument.objects.first()
    if instrument is None:
        raise Http404(_("No instrument has been loaded."))
    return instrument, errors


def _download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public
def law_index(request):
    return render(
        request,
        "laws/law_index.html",
        {"states": selectors.laws_index(request.user), "instruments": Instrument.objects.all()},
    )


@public
def state_laws(request, code: str):
    state = _state_or_404(code)
    return render(
        request,
        "laws/state_laws.html",
        {"state": state, "laws": selectors.laws_for_state(state, request.user)},
    )


@public
@cache_params("on")
def law_detail(request, pk: int):
    law = get_object_or_404(selectors.visible_laws(request.user).select_related("state"), pk=pk)
    return _law_page(request, law)


@public
@cache_params("on")
def law_by_work(request, work: str):
    """The same page at the law's Akoma Ntoso work URI, an address that stays the same on every
    instance (a primary key does not): /laws/akn/co/act/2009/1273/."""
    law = get_object_or_404(
        selectors.visible_laws(request.user).select_related("state"), frbr_uri=f"/akn/{work.strip('/')}"
    )
    return _law_page(request, law)


def _law_page(request, law):
    on, error = None, ""
    if request.GET.get("on"):
        try:
            on = datetime.date.fromisoformat(request.GET["on"])
        except ValueError:
            error = _("Date: “%(value)s” is not a date in the form YYYY-MM-DD; showing the current text.") % {
                "value": request.GET["on"][:20]
            }
    rows = selectors.law_provisions(law, request.user, on)
    return render(
        request,
        "laws/law_detail.html",
        {
            "law": law,
            "rows": rows,
            "on": on,
            "date_error": error,
            "inserted": selectors.inserted_provisions(law, request.user),
            "can_edit": policy.can_edit(request.user, law),
        },
    )


@public
@cache_params("on")
def law_export(request, pk: int, fmt: str):
    law = get_object_or_404(selectors.visible_laws(request.user).select_related("state"), pk=pk)
    if fmt not in exporters.FORMATS:
        raise Http404(_("Unknown export format “%(fmt)s”.") % {"fmt": fmt[:10]})
    on = None
    if request.GET.get("on"):
        # ?on=DATE: the wording in force that day (Akoma Ntoso labels it with its own expression date).
        try:
            on = datetime.date.fromisoformat(request.GET["on"])
        except ValueError:
            return HttpResponseBadRequest(
                _("Date: “%(value)s” is not a date in the form YYYY-MM-DD.")
                % {"value": request.GET["on"][:20]}
            )
    content, content_type, extension = exporters.export_law(law, fmt, request.user, on=on)
    suffix = f"@{on.isoformat()}" if on else ""
    return _download(
        content, f"{law.frbr_uri.strip('/').replace('/', '-')}{suffix}.{extension}", content_type
    )


@public
def law_original(request, pk: int):
    """The original document, only to whoever may see the law (its visibility and publication state)."""
    law = get_object_or_404(selectors.visible_laws(request.user), pk=pk)
    if not law.original_file:
        raise Http404(_("This law has no original document."))
    try:
        handle = law.original_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("This law has no original document.")) from error
    response = FileResponse(handle, as_attachment=True, filename=PurePath(law.original_file.name).name)
    response["Cache-Control"] = "private, no-store"  # never kept by a shared cache
    return response


@public
def article_view(request, instrument: str, number: str):
    article = get_object_or_404(
        Article.objects.select_related("instrument"), instrument__slug=instrument, number=number
    )
    return render(
        request,
        "laws/article.html",
        {
            "article": article,
            "implementations": selectors.article_implementations(article, request.user),
            "sections": article_sections(article, request.user),
        },
    )


@public
@cache_params("instrument", "category", "q", "show", "format", "page")
def matrix_view(request):
    instrument, errors = _instrument(request)
    category = request.GET.get("category", "")
    categories = ArticleCategory.domestic_choices()
    if category and category not in dict(categories):
        if category in ArticleCategory.about_the_treaty():
            errors.append(
                _("Category: “%(value)s” articles are about the treaty itself, not domestic law; they are "
                  "listed below the matrix.") % {"value": ArticleCategory(category).label}
            )  # fmt: skip
        else:
            errors.append(
                _("Category: “%(value)s” is not a valid choice; it was ignored.") % {"value": category[:50]}
            )
        category = ""
    search = request.GET.get("q", "").strip()[:100]
    show = request.GET.get("show", "")
    if show not in selectors.SHOW_VALUES:
        errors.append(_("Show: “%(value)s” is not a valid choice; it was ignored.") % {"value": show[:50]})
        show = ""
    rows = selectors.matrix_states(request.user, search=search, show=show)
    fmt = request.GET.get("format", "")
    if fmt in {"csv", "json"}:  # the downloads: every state shown, every provision of each cell
        result = selectors.matrix(instrument, request.user, category, rows)
        content = exporters.matrix_csv(result) if fmt == "csv" else exporters.matrix_json(result)
        return _download(content, f"matrix-{instrument.slug}.{fmt}", exporters.CONTENT_TYPES[fmt])
    # The page: states a page at a time (194 states × 48 articles made a page of 1.5 MB), each cell
    # naming its first provisions.
    page = Paginator(rows.states, MATRIX_STATES_PER_PAGE).get_page(request.GET.get("page"))
    result = selectors.matrix(
        instrument,
        request.user,
        category,
        rows,
        states=page.object_list,
        entries=selectors.CELL_ENTRIES_SHOWN,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "laws/matrix.html",
        {
            "matrix": result,
            "page": page,
            "query_string": query.urlencode(),
            "errors": errors,
            "instruments": Instrument.objects.all(),
            "categories": categories,
            "category": category,
            "search": search,
            "show": show,
            "show_choices": [
                (selectors.SHOW_ALL, _("All states")),
                (selectors.SHOW_WITH_LAWS, _("States with laws in the portal")),
                (selectors.SHOW_WITHOUT_LAWS, _("States with no law in the portal")),
            ],
        },
    )


@public
@cache_params("instrument")
def gap_report_view(request, code: str):
    state = _state_or_404(code)
    instrument, errors = _instrument(request)
    return render(
        request,
        "laws/gaps.html",
        {
            "state": state,
            "instrument": instrument,
            "instruments": Instrument.objects.all(),
            "gaps": selectors.gap_report(state, instrument, request.user),
            "errors": errors,
        },
    )


@public
@cache_params(*CompareForm.base_fields)
def compare(request):
    form = CompareForm(request.GET)
    ids = form.cleaned_data["p"] if form.is_valid() else []
    return render(
        request, "laws/compare.html", {"provisions": selectors.provisions_for_comparison(ids, request.user)}
    )


@public
@cache_params(*SearchForm.base_fields, "page")
def search(request):
    form = SearchForm(request.GET or None)
    results, page = None, None
    if form.is_valid() and form.cleaned_data["q"]:
        results = search_module.search_provisions(
            form.cleaned_data["q"],
            request.user,
            state=form.cleaned_data["state"],
            article=form.cleaned_data["article"],
            category=form.cleaned_data["category"],
            status=form.cleaned_data["status"],
            year=form.cleaned_data["year"],
        )
        paginator = Paginator(results.hits, RESULTS_PER_PAGE)
        number = request.GET.get("page") or "1"
        if number.isdigit():  # count the hits and read this page's ids in one query
            results.hits.expect((int(number) - 1) * RESULTS_PER_PAGE, int(number) * RESULTS_PER_PAGE)
        page = paginator.get_page(number)
        search_module.highlight(page.object_list, results.terms)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "laws/search.html",
        {
            "form": form,
            "results": results,
            "page": page,
            "query_string": query.urlencode(),
            "can_save": results is not None and policy.can_save_searches(request.user),
        },
    )


@signed_in
def import_upload(request):
    """The upload is read by the background worker (core/imports.py); nothing of it enters the session."""
    if not policy.can_import_laws(request.user):
        raise PermissionDenied(_("Only focal points and the Secretariat import laws."))
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                user=request.user,
                kind="laws",
                name=upload.name,
                data=upload.read(),
                options={"state": form.cleaned_data["state"].pk},
            )
        except UploadRefused as error:
            form.add_error("file", str(error))
        else:
            if job.status == ImportJob.Status.FAILED:  # read at once (small site, tests): say why here
                form.add_error("file", job.error)
                import_job_delete(job)
            elif job.status == ImportJob.Status.DONE:
                return redirect("laws:import_confirm", token=job.token)
            else:
                return redirect("import_status", token=job.token)
    return render(request, "laws/import_upload.html", {"form": form})


@signed_in
def import_confirm(request, token: str):
    if not policy.can_import_laws(request.user):
        raise PermissionDenied(_("Only focal points and the Secretariat import laws."))
    job = import_job_of(request.user, token, kind="laws")
    if job is None:
        messages.info(request, _("Upload a file first."))
        return redirect("laws:import")
    if job.status != ImportJob.Status.DONE:
        return redirect("import_status", token=job.token)
    parsed = parsed_from_data(job.result)
    state = get_object_or_404(State, pk=job.options["state"])
    suggestions = search_module.suggest_mappings(parsed)
    needs_confirmation = services.import_needs_confirmation(parsed)
    form = ImportConfirmForm(
        request.POST if request.method == "POST" else None,
        suggestions=suggestions,
        user=request.user,
        parsed=parsed,
        needs_confirmation=needs_confirmation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            law = services.law_import(
                parsed=parsed.corrected(**form.identity()),
                options=services.ImportOptions(
                    state=state,
                    user=request.user,
                    publish=form.cleaned_data.get("publish", False),
                    mappings=form.chosen_mappings(),
                    confirmed=form.cleaned_data.get("confirm", False),
                    submit="submit" in request.POST,
                ),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            import_job_delete(job)
            messages.success(
                request, _("The law was saved with %(n)s provisions.") % {"n": len(parsed.provisions)}
            )
            if law.workflow_in_progress:
                messages.success(request, _("It was submitted to the Secretariat, which publishes it."))
            return redirect(law.get_absolute_url())
    return render(
        request,
        "laws/import_confirm.html",
        {
            "parsed": parsed,
            "state": state,
            "form": form,
            "name": job.name,
            "rows": form.rows(),
            "counts": parsed.counts(),
            "needs_confirmation": needs_confirmation,
            "min_confidence": settings.LAW_IMPORT_MIN_CONFIDENCE,
        },
    )


@signed_in
@require_POST
def saved_search_create(request):
    try:
        saved = services.saved_search_create(
            user=request.user, query=request.POST.get("query", ""), name=request.POST.get("name", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{reverse('laws:search')}?{QueryDict(request.POST.get('query', '')).urlencode()}")
    messages.success(request, _("Search saved as “%(name)s”.") % {"name": saved.name})
    return redirect(f"{reverse('laws:search')}?{saved.query}")


@signed_in
@require_POST
def saved_search_delete(request, pk: int):
    try:
        services.saved_search_delete(user=request.user, pk=pk)
    except SavedSearch.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Saved search deleted."))
    return redirect("accounts:home")
