"""Pages of update campaigns: the Secretariat starts them and follows the answers; a focal point answers
for their own state. Another state's request answers 404, exactly like one that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cyberportal.core import policy
from cyberportal.core.access import signed_in
from cyberportal.core.campaigns import campaign_subject

from . import selectors, services
from .forms import AnswerForm, CampaignForm


def _not_found():
    return Http404(_("There is no such campaign for your state, or you may not see it."))


@signed_in
def index(request):
    if not policy.can_follow_campaigns(request.user):
        raise PermissionDenied(_("Update campaigns are for the Secretariat and focal points."))
    today = timezone.localdate()
    context = {"today": today, "campaigns": selectors.campaigns_overview(request.user, today=today)}
    if context["campaigns"] is None:
        context["rows"] = list(selectors.rows_for(request.user))
    return render(request, "campaigns/index.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    if not policy.can_manage_campaigns(request.user):
        raise PermissionDenied(_("Only the Secretariat starts update campaigns."))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_start(
                started_by=request.user,
                subject=data["subject"],
                year=data.get("year"),
                due_date=data["due_date"],
                message=data.get("message", ""),
                message_language=data["message_language"],
                states=data["states"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Campaign started: %(count)s states asked.") % {"count": campaign.states.count()},
            )
            return redirect("campaigns:detail", campaign.pk)
    return render(request, "campaigns/new.html", {"form": form})


@signed_in
def campaign_detail(request, pk: int):
    if not policy.can_manage_campaigns(request.user):
        raise PermissionDenied(_("The answers of every state are for the Secretariat."))
    board = selectors.campaign_board(request.user, pk)
    if board is None:
        raise _not_found()
    return render(request, "campaigns/detail.html", {"board": board})


@signed_in
@require_http_methods(["GET", "POST"])
def campaign_answer(request, pk: int):
    row = selectors.row_for(request.user, pk)
    if row is None:
        raise _not_found()
    form = AnswerForm(request.POST or None, initial={"as_of": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.campaign_answer(
                row=row,
                user=request.user,
                answer=data["answer"],
                as_of=data.get("as_of"),
                note=data.get("note", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
            return redirect("campaigns:index")
    subject = campaign_subject(row.campaign.subject)
    context = {
        "row": row,
        "campaign": row.campaign,
        "subject": subject,
        "subject_url": subject.url() if subject else "",
        "form": form,
        "overdue": row.campaign.is_overdue(timezone.localdate()),
    }
    return render(request, "campaigns/answer.html", context, status=400 if form.errors else 200)
