"""The bulletin's pages: the archive and each issue (public), subscribing with double opt-in, unsubscribing
(RFC 8058 one-click POST and a page), and the Secretariat's composer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cyberportal.core import policy
from cyberportal.core.access import public, signed_in

from . import selectors, services, throttle
from .forms import SubscribeForm


def _uncached(view):
    view.page_cache = False  # tokens and per-visitor answers: never in the shared page cache
    return view


@public
def archive(request):
    return render(
        request,
        "bulletin/archive.html",
        {"years": selectors.archive_by_year(), "can_compose": policy.can_compose_bulletin(request.user)},
    )


@public
def issue_detail(request, number: int):
    issue = selectors.issue_for(number, request.user)
    if issue is None:
        raise Http404(_("There is no published issue number %(number)s.") % {"number": number})
    language = get_language()
    context = {
        "issue": issue,
        "title": issue.title_in(language),
        "editorial": issue.editorial_in(language),
        "editorial_language": issue.language_of_editorial(language),
        "sections": services.issue_sections(issue),
    }
    return render(request, "bulletin/issue.html", context)


@_uncached
@public
@never_cache
def subscribe(request):
    form = SubscribeForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST":
        if not throttle.client_allowed(request):
            response = render(
                request, "bulletin/subscribe.html", {"form": SubscribeForm(), "throttled": True}
            )
            response.status_code = 429
            response["Retry-After"] = str(throttle.WINDOW)
            return response
        if form.is_valid():
            address = form.cleaned_data["email"]
            try:
                if throttle.address_allowed(address):
                    services.subscription_request(
                        email_address=address, language=form.cleaned_data["language"]
                    )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                # The same answer whether the address is new, waiting, subscribed or throttled.
                return render(request, "bulletin/subscribe_sent.html", {"email": address})
    return render(request, "bulletin/subscribe.html", {"form": form})


@_uncached
@public
@never_cache
def confirm(request, token: str):
    if request.method != "POST":
        # A link scanner's GET must not subscribe anyone: the holder presses the button.
        return render(request, "bulletin/confirm.html", {"token": token})
    try:
        subscriber = services.subscription_confirm(token=token)
    except services.TokenError as error:
        status = 410 if error.reason == "expired" else 400
        return render(request, "bulletin/token_error.html", {"reason": error.reason}, status=status)
    return render(request, "bulletin/confirmed.html", {"subscriber": subscriber})


@_uncached
@public
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without any cookie or form token
@never_cache
def unsubscribe(request, token: str):
    if request.method == "POST":
        subscriber = services.subscription_cancel(token=token)
        if subscriber is None:
            raise Http404(_("This unsubscribe link is not valid."))
        return render(request, "bulletin/unsubscribed.html", {"subscriber": subscriber})
    if not selectors.unsubscribe_link_exists(token):
        raise Http404(_("This unsubscribe link is not valid."))
    return render(request, "bulletin/unsubscribe.html", {"token": token})


@signed_in
@never_cache
def compose(request):
    if not policy.can_compose_bulletin(request.user):
        raise PermissionDenied(_("The bulletin is composed by the Technical Secretariat."))
    issues = list(selectors.issues_for_composer())
    issue = None
    wanted = request.POST.get("issue") or request.GET.get("issue")
    if wanted:
        issue = next((i for i in issues if str(i.number) == wanted), None)
        if issue is None:
            raise Http404(_("There is no issue number %(number)s.") % {"number": wanted[:10]})
    elif issues:
        issue = issues[0]
    if request.method == "POST" and issue is not None:
        try:
            if request.POST.get("action") == "send":
                services.issue_send_request(issue=issue)
                messages.success(
                    request, _("Issue %(number)s is queued for sending.") % {"number": issue.number}
                )
            else:
                added = services.issue_items_add(
                    issue=issue,
                    change_keys=request.POST.getlist("change"),
                    contribution_ids=[int(v) for v in request.POST.getlist("contribution") if v.isdigit()],
                    user=request.user,
                )
                messages.success(request, _("%(count)s item(s) added to the issue.") % {"count": added})
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        return redirect(reverse("bulletin:compose") + f"?issue={issue.number}")
    context = {
        "issues": issues,
        "issue": issue,
        "changes": services.candidate_changes(issue) if issue and not issue.live else [],
        "contributions": list(services.candidate_contributions(issue)) if issue and not issue.live else [],
        "period_start": services.period_start(issue) if issue else None,
        "sent_count": issue.deliveries.count() if issue else 0,
        "pending_count": services.pending_recipients(issue).count() if issue else 0,
    }
    return render(request, "bulletin/compose.html", context)
