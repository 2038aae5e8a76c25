"""Reads for expert spaces, each filtered through policy.visible_to so nothing leaks by list or search."""

from django.db.models import Count, Exists, OuterRef
from modelsearch.backends import get_search_backend

from cyberportal.core.policy import can_use_spaces
from cyberportal.core.search import user_query

from . import policy
from .models import Document, Membership, Space, Thread


def spaces_for(user):
    """Every space, with whether `user` is a member (spaces' names are not secret to vetted users)."""
    if not can_use_spaces(user):
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


# How many full-text hits are considered before the TLP filter; more than a space ever holds per query.
SEARCH_CANDIDATES = 500


def _ranked_visible(model, visible_qs, query: str, limit: int) -> list:
    """Full-text search with modelsearch, then the TLP policy's own filter, keeping the engine's ranking.

    The engine ranks every thread or document; only the policy's queryset decides which the user may
    open, so search can never show more than the lists do.
    """
    words = user_query(query)
    if words is None:
        return []
    hits = get_search_backend().search(words, model.objects.all())[:SEARCH_CANDIDATES]
    rank = {hit.pk: position for position, hit in enumerate(hits)}
    if not rank:
        return []
    allowed = visible_qs.filter(pk__in=list(rank))
    return sorted(allowed, key=lambda item: rank[item.pk])[:limit]


def spaces_search(user, query: str, limit: int = 50):
    """Threads (by title, text or a reply's text) and documents (title, description) the user may open."""
    query = (query or "").strip()
    if not query:
        return [], []
    return (
        _ranked_visible(Thread, threads_for(user), query, limit),
        _ranked_visible(Document, documents_for(user), query, limit),
    )
