"""Reads for expert spaces, each filtered through policy.visible_to so nothing leaks by list or search."""

from django.db.models import Count, Exists, F, OuterRef
from modelsearch.backends import get_search_backend

from cyberportal.core.policy import can_use_spaces
from cyberportal.core.search import user_query

from . import policy
from .models import Document, Membership, Reply, Space, Thread


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


def new_items_by_space(user) -> list[dict]:
    """The user's spaces with how many threads, replies and documents they can see are newer than their
    last visit to each (Membership.last_seen_at). Four queries whatever the number of spaces or items."""
    if not can_use_spaces(user):
        return []
    memberships = list(Membership.objects.filter(user=user).select_related("space").order_by("space__name"))
    if not memberships:
        return []
    mine = {"space__memberships__user": user}
    newer = {"created_at__gt": F("space__memberships__last_seen_at")}
    threads = _count_by_space(policy.visible_to(Thread.objects.filter(**mine, **newer), user), "space_id")
    documents = _count_by_space(policy.visible_to(Document.objects.filter(**mine, **newer), user), "space_id")
    replies = _count_by_space(
        Reply.objects.filter(
            thread__space__memberships__user=user,
            created_at__gt=F("thread__space__memberships__last_seen_at"),
            thread__in=policy.visible_to(Thread.objects.all(), user).values("pk"),
        ),
        "thread__space_id",
    )
    rows = []
    for m in memberships:
        counts = {
            "threads": threads.get(m.space_id, 0),
            "replies": replies.get(m.space_id, 0),
            "documents": documents.get(m.space_id, 0),
        }
        rows.append(
            {"space": m.space, "last_seen_at": m.last_seen_at, "total": sum(counts.values()), **counts}
        )
    return rows


def _count_by_space(queryset, key: str) -> dict[int, int]:
    return dict(queryset.order_by().values_list(key).annotate(n=Count("pk", distinct=True)))


def home_section_context(user) -> dict | None:
    """The 'New in your spaces' section of the portal home (core.dashboard.register_home_section)."""
    if not can_use_spaces(user):
        return None
    rows = new_items_by_space(user)
    return {"spaces": rows, "new_total": sum(r["total"] for r in rows)}
