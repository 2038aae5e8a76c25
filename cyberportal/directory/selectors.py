"""Reads for the directory: every list of contacts goes through `contacts_visible_to`, so pages, exports
and the finder cannot disagree about who sees what."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from cyberportal.core import policy
from cyberportal.core.collation import collation_key, sorted_by_name
from cyberportal.states.models import State
from cyberportal.states.selectors import state_name_order

from .models import (
    Authority,
    AuthorityKind,
    Contact,
    ContactCorrection,
    ContactEmail,
    ContactRole,
    CorrectionStatus,
    RoleType,
)


def authorities_visible_to(user):
    return Authority.objects.visible_to(user).select_related("state")


def directory_authorities(user, *, state: str = "", kind: str = ""):
    """The authorities `user` may see (each answers at its directory page), by state and kind as the
    directory's filters offer them."""
    authorities = authorities_visible_to(user)
    if state:
        authorities = authorities.filter(state__code=state.upper())
    if kind:
        authorities = authorities.filter(kind=kind)
    return authorities


def contacts_visible_to(user):
    """The contacts `user` may see: the contact's own visibility and its authority's both allow it."""
    return (
        Contact.objects.visible_to(user)
        .filter(authority__in=Authority.objects.visible_to(user).values("pk"))
        .select_related("authority__state")
        .prefetch_related(
            Prefetch("roles", queryset=RoleType.objects.order_by("id")),
            "phones",
            Prefetch("emails", queryset=ContactEmail.objects.order_by("sort_order")),
        )
    )


@dataclass
class DirectoryFilters:
    state: str = ""  # ISO alpha-2, lower or upper case
    role: str = ""
    kind: str = ""
    q: str = ""
    stale: bool = False
    errors: list[str] = field(default_factory=list)

    def as_query(self) -> dict:
        return {
            k: v
            for k, v in {
                "state": self.state,
                "role": self.role,
                "kind": self.kind,
                "q": self.q,
                "stale": "1" if self.stale else "",
            }.items()
            if v
        }


def filters_from(get, *, messages) -> DirectoryFilters:
    """Read the filter form; unknown values are reported (with `messages`) and ignored."""
    filters = DirectoryFilters()
    checks = [
        ("state", set(State.objects.values_list("code", flat=True)), messages["state"]),
        ("role", set(ContactRole.values), messages["role"]),
        ("kind", set(AuthorityKind.values), messages["kind"]),
    ]
    for name, allowed, label in checks:
        value = (get.get(name) or "").strip()
        if name == "state":
            value = value.upper()
        if value and value not in allowed:
            filters.errors.append(messages["invalid"] % {"field": label, "value": value[:40]})
            value = ""
        setattr(filters, name, value)
    filters.q = (get.get("q") or "").strip()[:100]
    filters.stale = get.get("stale") == "1"
    return filters


def directory_contacts(
    user, filters: DirectoryFilters, *, today: datetime.date | None = None
) -> list[Contact]:
    return list(directory_queryset(user, filters, today=today))


def directory_queryset(user, filters: DirectoryFilters, *, today: datetime.date | None = None):
    """The contacts matching `filters` that `user` may see, in directory order (state, authority, name)."""
    contacts = contacts_visible_to(user)
    if filters.state:
        contacts = contacts.filter(authority__state__code=filters.state.upper())
    if filters.role:
        contacts = contacts.filter(pk__in=Contact.objects.filter(roles__code=filters.role).values("pk"))
    if filters.kind:
        contacts = contacts.filter(authority__kind=filters.kind)
    if filters.q:
        q = filters.q
        contacts = contacts.filter(
            Q(name__icontains=q)
            | Q(title__icontains=q)
            | Q(authority__name__icontains=q)
            | Q(authority__name_en__icontains=q)
        )
    if filters.stale:
        today = today or timezone.localdate()
        contacts = contacts.filter(Q(next_due__isnull=True) | Q(next_due__lt=today))
    return contacts.order_by(state_name_order("authority__state__code"), "authority__name", "name", "pk")


def authority_for(user, pk: int) -> Authority | None:
    return authorities_visible_to(user).filter(pk=pk).first()


def contact_for(user, pk: int) -> Contact | None:
    return contacts_visible_to(user).filter(pk=pk).first()


def authority_contacts(user, authority: Authority) -> list[Contact]:
    return sorted_by_name(contacts_visible_to(user).filter(authority=authority))


def profile_section_context(state, user) -> dict:
    # Alphabetical as the reader expects ("Álvarez" among the A's), not the database's code points.
    contacts = sorted(
        contacts_visible_to(user).filter(authority__state=state),
        key=lambda c: (collation_key(c.authority.name), collation_key(c.name)),
    )
    return {"directory_contacts": contacts, "directory_state": state}


def corrections_for(user):
    """Pending corrections the user may decide: the Secretariat all, a focal point their state's."""
    if not policy.can_review_directory(user):
        return ContactCorrection.objects.none()
    editable = Contact.objects.editable_by(user).values("pk")
    return (
        ContactCorrection.objects.filter(contact__in=editable, status=CorrectionStatus.PENDING)
        .select_related("contact__authority__state")
        .order_by("submitted_at")
    )


@dataclass
class DashboardRow:
    state: State
    role: str  # a ContactRole value, or "" for contacts without a role
    total: int = 0
    verified: int = 0
    overdue: int = 0
    bounced: int = 0

    @property
    def share(self) -> int:
        return round(100 * self.verified / self.total) if self.total else 0

    @property
    def role_label(self) -> str:
        return str(ContactRole(self.role).label) if self.role else ""


DASHBOARD_LIST_SIZE = 50  # overdue contacts and bounced addresses are listed a page at a time


@dataclass
class Dashboard:
    rows: list[DashboardRow]
    overdue_contacts: Page  # of Contact, `DASHBOARD_LIST_SIZE` at a time (`?page=`)
    bounced_addresses: Page  # of ContactEmail, likewise (`?bounced=`)
    contact_count: int = 0
    verified_count: int = 0

    @property
    def share(self) -> int:
        return round(100 * self.verified_count / self.contact_count) if self.contact_count else 0


def dashboard_for(
    user, *, today: datetime.date | None = None, page=None, bounced_page=None
) -> Dashboard | None:
    """Verification figures per state and role: the Secretariat sees all, a focal point their state.

    Counted by the database (grouped by state and role), so the cost does not grow with the contacts;
    the overdue contacts and bounced addresses are listed a page at a time."""
    if not policy.can_review_directory(user):
        return None
    today = today or timezone.localdate()
    contacts = Contact.objects.all()
    if not policy.edits_every_state(user):
        contacts = contacts.filter(authority__state_id=policy.state_id_of(user))
    stale = Q(next_due__isnull=True) | Q(next_due__lt=today)

    # One row per (contact, role): a contact counts once under each of its roles, or under "" without any.
    per_role = (
        contacts.order_by()
        .values("authority__state_id", "roles__code")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=stale))
    )
    bounced_emails = ContactEmail.objects.filter(contact__in=contacts.values("pk"), bounced_at__isnull=False)
    bounced_per_role = {
        (r["contact__authority__state_id"], r["contact__roles__code"] or ""): r["n"]
        for r in bounced_emails.order_by()
        .values("contact__authority__state_id", "contact__roles__code")
        .annotate(n=Count("pk"))
    }
    figures = list(per_role)
    states = State.objects.in_bulk({r["authority__state_id"] for r in figures})
    rows = []
    for r in figures:
        key = (r["authority__state_id"], r["roles__code"] or "")
        rows.append(
            DashboardRow(
                states[key[0]],
                key[1],
                total=r["total"],
                verified=r["total"] - r["overdue"],
                overdue=r["overdue"],
                bounced=bounced_per_role.get(key, 0),
            )
        )
    order = {code: i for i, code in enumerate(ContactRole.values)}
    rows.sort(key=lambda r: (r.state.code, order.get(r.role, 99)))

    totals = contacts.aggregate(total=Count("pk"), overdue=Count("pk", filter=stale))
    overdue = (
        contacts.filter(stale)
        .select_related("authority__state")
        .order_by(state_name_order("authority__state__code"), "name", "pk")
    )
    bounced = bounced_emails.select_related("contact").order_by(
        state_name_order("contact__authority__state__code"), "contact__name", "contact_id", "sort_order", "pk"
    )
    return Dashboard(
        rows=rows,
        overdue_contacts=_page(overdue, page, count=totals["overdue"]),
        bounced_addresses=_page(bounced, bounced_page),
        contact_count=totals["total"],
        verified_count=totals["total"] - totals["overdue"],
    )


def _page(queryset, number, *, count: int | None = None) -> Page:
    paginator = Paginator(queryset, DASHBOARD_LIST_SIZE)
    if count is not None:
        paginator.count = count  # already counted with the figures: one query fewer
    return paginator.get_page(number)


def home_tasks(user) -> list:
    """The directory's tasks on an editor's home (core.dashboard), in a fixed number of queries: contacts
    due for verification and corrections to decide; for the Secretariat, the latest campaign's progress
    and the states with overdue contacts."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from cyberportal.core.dashboard import HomeTask

    from .models import RequestStatus, VerificationCampaign, VerificationRequest

    if not policy.can_review_directory(user):
        return []
    today = timezone.localdate()
    due = Q(next_due__isnull=True) | Q(next_due__lt=today)
    dashboard = reverse("directory:dashboard")
    overdue = Contact.objects.editable_by(user).filter(due).count()
    corrections = corrections_for(user).count()
    tasks = [
        HomeTask(_("Contacts due for verification"), overdue, dashboard, urgent=bool(overdue)),
        HomeTask(
            _("Corrections sent by contacts"),
            corrections,
            reverse("directory:corrections"),
            urgent=bool(corrections),
        ),
    ]
    if policy.can_manage_campaigns(user):
        tasks.append(
            HomeTask(
                _("States with contacts overdue"),
                Contact.objects.filter(due).values("authority__state").distinct().count(),
                dashboard,
            )
        )
        campaign = VerificationCampaign.objects.order_by("-started_at").first()
        if campaign is not None:
            requests = VerificationRequest.objects.filter(campaign=campaign)
            answered = requests.exclude(status__in=[RequestStatus.PENDING, RequestStatus.BOUNCED]).count()
            tasks.append(
                HomeTask(
                    _("Latest verification campaign (%(campaign)s): answered") % {"campaign": campaign},
                    answered,
                    dashboard,
                    note=_("of %(total)s contacts written to") % {"total": requests.count()},
                )
            )
    return tasks
