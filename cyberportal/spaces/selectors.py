"""Reads for expert spaces, each filtered through policy.visible_to so nothing leaks by list or search."""

from django.db.models import Count, Exists, OuterRef, Q

from cyberportal.core.policy import is_vetted

from . import policy
from .models import Document, Membership, Space, Thread


def spaces_for(user):
    """Every space, with whether `user` is a member (spaces' names are not secret to vetted users)."""
    if not is_vetted(user):
        return Space.objects.none()
    return Space.objects.annotate(
        is_member=Exists(Membership.objects.filter(space=OuterRef("pk"), user=user)),
        member_count=Count("memberships", distinct=True),
    )


def threads_for(user, space=None):
    qs = Thread.objects.select_related("author", "space").annotate(
        reply_count=Count("replies", distinct=True)
    )
    if space is not None:
        qs = qs.filter(space=space)
    return policy.visible_to(qs, user).order_by("-updated_at")


def documents_for(user, space=None):
    qs = Document.objects.select_related("author", "space").annotate(
        version_count=Count("versions", distinct=True)
    )
    if space is not None:
        qs = qs.filter(space=space)
    return policy.visible_to(qs, user).order_by("title")


def spaces_search(user, query: str, limit: int = 50):
    """Threads (by title, text or a reply's text) and documents (title, description) the user may open."""
    query = (query or "").strip()
    if not query:
        return [], []
    threads = (
        threads_for(user)
        .filter(Q(title__icontains=query) | Q(body__icontains=query) | Q(replies__body__icontains=query))
        .distinct()[:limit]
    )
    documents = documents_for(user).filter(Q(title__icontains=query) | Q(description__icontains=query))[
        :limit
    ]
    return list(threads), list(documents)
