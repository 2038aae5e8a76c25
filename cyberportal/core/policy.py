"""The one place that decides who may see, edit and publish a record.

Every page, search result, feed, export and API answer asks this module, either per record
(`can_view`, `can_edit`, `can_publish`) or for a whole list (`visible_to`), so that they cannot disagree.

A record takes part by having a `visibility` field (see `roles.Visibility`) and by naming, in its
class attribute `policy_state_field`, the path to the state that owns it ("state",
"authority__state", ...). Records without an owning state set `policy_state_field = None`. Records
with a `live` field (Wagtail's DraftStateMixin) are shown to non-editors only once published.

The rules:

=============  =========================  ==============================  ===========
visibility     view                       edit                            publish
=============  =========================  ==============================  ===========
public         everyone                   secretariat; own focal point    secretariat
experts        any vetted user            secretariat; own focal point    secretariat
state          own state's users; secr.   secretariat; own focal point    secretariat
secretariat    secretariat                secretariat                     secretariat
=============  =========================  ==============================  ===========

Beyond single records, every other decision a view, template, admin hook or service takes is a named
function below (`can_vet`, `can_import_recommendations`, `can_view_audit`, ...): nothing outside this
module compares roles. Templates reach the one-argument checks as `can.<name>` (see
`core.context_processors`); a test fails if a view, admin hook or template tests a role directly.
"""

from __future__ import annotations

import enum

from django.db.models import Model, Q, QuerySet

from .roles import VISITOR, Role, Visibility


class Action(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"
    PUBLISH = "publish"


def role_of(user) -> str:
    """The user's effective role; `VISITOR` for anonymous, inactive or not-yet-vetted users."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return VISITOR
    if user.is_superuser:
        return Role.SECRETARIAT
    return getattr(user, "role", "") or VISITOR


def state_id_of(user) -> int | None:
    return getattr(user, "state_id", None) if role_of(user) != VISITOR else None


def is_secretariat(user) -> bool:
    return role_of(user) == Role.SECRETARIAT


def is_vetted(user) -> bool:
    return role_of(user) != VISITOR


def _owner_state_id(record: Model) -> int | None:
    path = getattr(record, "policy_state_field", None)
    if not path:
        return None
    value = record
    parts = path.split("__")
    for index, part in enumerate(parts):
        if value is None:
            return None
        # Only the last step may be read as a foreign-key id: "authority__state" means the
        # authority's state, not the authority's own id.
        if index == len(parts) - 1 and hasattr(value, f"{part}_id"):
            return getattr(value, f"{part}_id")
        value = getattr(value, part)
    return getattr(value, "pk", value)


def _is_editor_of(user, record: Model) -> bool:
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return True
    if role != Role.FOCAL_POINT:
        return False
    owner = _owner_state_id(record)
    return owner is not None and owner == state_id_of(user)


def can_view(user, record: Model) -> bool:
    visibility = getattr(record, "visibility", Visibility.PUBLIC)
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return True
    if getattr(record, "live", True) is False and not _is_editor_of(user, record):
        return False
    if visibility == Visibility.PUBLIC:
        return True
    if visibility == Visibility.EXPERTS:
        return role != VISITOR
    if visibility == Visibility.STATE:
        owner = _owner_state_id(record)
        return role != VISITOR and owner is not None and owner == state_id_of(user)
    return False  # secretariat-only, or an unknown level: closed by default


def can_edit(user, record: Model) -> bool:
    if role_of(user) == Role.SECRETARIAT:
        return True
    if getattr(record, "visibility", Visibility.PUBLIC) == Visibility.SECRETARIAT:
        return False
    return _is_editor_of(user, record)


def can_publish(user, record: Model) -> bool:
    return role_of(user) == Role.SECRETARIAT


def allows(user, action: Action | str, record: Model) -> bool:
    checks = {Action.VIEW: can_view, Action.EDIT: can_edit, Action.PUBLISH: can_publish}
    return checks[Action(action)](user, record)


def _state_lookup(state_field: str) -> str:
    """The lookup that compares a record's owning state with a state id."""
    return f"{state_field}_id" if "__" not in state_field else f"{state_field}__id"


def visible_filter(user, model: type[Model]) -> Q:
    """A Q object selecting the rows of `model` that `user` may see (see the table above)."""
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return Q()
    state_field = getattr(model, "policy_state_field", None)
    own_state = state_id_of(user)
    levels = [Visibility.PUBLIC]
    if role != VISITOR:
        levels.append(Visibility.EXPERTS)
    condition = Q(visibility__in=levels)
    if state_field and own_state is not None:
        condition |= Q(visibility=Visibility.STATE, **{_state_lookup(state_field): own_state})
    if any(f.name == "live" for f in model._meta.get_fields()):
        published = Q(live=True)
        if role == Role.FOCAL_POINT and state_field and own_state is not None:
            published |= Q(**{_state_lookup(state_field): own_state})
        condition &= published
    return condition


def visible_to(queryset: QuerySet, user) -> QuerySet:
    """Filter any queryset of a restricted model down to what `user` may see."""
    return queryset.filter(visible_filter(user, queryset.model))


def editable_filter(user, model: type[Model]) -> Q:
    """A Q object selecting the rows of `model` that `user` may edit."""
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return Q()
    state_field = getattr(model, "policy_state_field", None)
    own_state = state_id_of(user)
    if role != Role.FOCAL_POINT or not state_field or own_state is None:
        return Q(pk__in=[])
    own = Q(**{_state_lookup(state_field): own_state})
    if not any(f.name == "visibility" for f in model._meta.get_fields()):
        return own  # e.g. a treaty-status proposal: its state's focal point and the Secretariat
    return own & ~Q(visibility=Visibility.SECRETARIAT)


# --- Actions: decisions that are not about one restricted record -------------------------------------
# The Secretariat administers the network; a focal point acts for their own state only; an expert reads.


def edits_every_state(user) -> bool:
    """Whether the user's editing reaches every state (the Secretariat) rather than only their own."""
    return is_secretariat(user)


def _acts_for_a_state(user) -> bool:
    return role_of(user) in {Role.SECRETARIAT, Role.FOCAL_POINT}


def must_use_second_factor(user) -> bool:
    """Accounts that change what others see (focal points, the Secretariat) sign in with a second factor."""
    return _acts_for_a_state(user)


def can_vet(vetter, applicant) -> bool:
    """The Secretariat vets anyone; a focal point vets the applicants of their own state."""
    if is_secretariat(vetter):
        return True
    own = state_id_of(vetter)
    return role_of(vetter) == Role.FOCAL_POINT and own is not None and applicant.state_id == own


def grantable_roles(user) -> list[str]:
    """The roles a user may give when vetting or inviting: the Secretariat any, a focal point 'expert'."""
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return list(Role.values)
    if role == Role.FOCAL_POINT:
        return [Role.EXPERT]
    return []


def can_manage_people(user) -> bool:
    """Vetting queue, people list and invitations: the Secretariat and focal points."""
    return _acts_for_a_state(user)


def can_change_roles(user) -> bool:
    return is_secretariat(user)


def can_deactivate(actor, user) -> bool:
    """The Secretariat deactivates anyone; a focal point the non-Secretariat accounts they may vet."""
    if is_secretariat(actor):
        return True
    return can_vet(actor, user) and getattr(user, "role", "") != Role.SECRETARIAT


def can_invite(inviter, role: str, state=None) -> bool:
    """The Secretariat invites anyone; a focal point invites experts of their own state."""
    if role not in grantable_roles(inviter):
        return False
    if edits_every_state(inviter):
        return True
    return state is not None and state.pk == state_id_of(inviter)


def can_view_audit(user) -> bool:
    return is_secretariat(user)


def can_import_laws(user) -> bool:
    """Focal points import their own state's laws (as drafts); the Secretariat any state's."""
    return _acts_for_a_state(user)


def can_publish_imported_laws(user) -> bool:
    """An imported law goes live at once only when the Secretariat imports it; others' go to review."""
    return is_secretariat(user)


def can_review_mappings(user) -> bool:
    """Mappings of provisions to instrument articles count as reviewed when the Secretariat makes them."""
    return is_secretariat(user)


def can_submit_for_review(user) -> bool:
    """Sending a change (law, authority, contact, treaty-status proposal, report) to the Secretariat's
    review: focal points for their own state's records, the Secretariat for any (core.moderation)."""
    return _acts_for_a_state(user)


def can_review_changes(user) -> bool:
    """Approving (publishing) or returning with a comment what focal points submit: the Secretariat."""
    return is_secretariat(user)


def can_import_recommendations(user) -> bool:
    return is_secretariat(user)


def can_report_implementation(user) -> bool:
    """Implementation reports: a focal point for their own state, the Secretariat for any."""
    return _acts_for_a_state(user)


def can_report_for_own_state(user) -> bool:
    """Focal points report on the recommendations addressed to the states, for their own state."""
    return role_of(user) == Role.FOCAL_POINT and state_id_of(user) is not None


def can_review_implementation(user) -> bool:
    """Reviewing the states' draft reports, and reporting for any state or as the Secretariat."""
    return is_secretariat(user)


def can_submit_statistics(user) -> bool:
    """The annual statistics returns' pages: focal points (their own state's returns), the Secretariat."""
    return _acts_for_a_state(user)


def can_submit_statistics_for(user, state) -> bool:
    """Filling in and submitting a state's annual statistics return: its own focal point; the Secretariat
    for any state (e.g. figures a state sent by e-mail)."""
    if is_secretariat(user):
        return True
    own = state_id_of(user)
    return role_of(user) == Role.FOCAL_POINT and own is not None and state is not None and state.pk == own


def can_validate_statistics(user) -> bool:
    """Validating a submitted return (its values become public) or returning it with a comment."""
    return is_secretariat(user)


def can_manage_campaigns(user) -> bool:
    """Starting a verification campaign (contacts) or an update campaign (laws, treaty status, statistics...)
    and reading every state's answers: the Secretariat only."""
    return is_secretariat(user)


def can_follow_campaigns(user) -> bool:
    """The update campaigns' page: the Secretariat (every state's answers), focal points (their own state's)."""
    return _acts_for_a_state(user)


def can_answer_campaign_for(user, state) -> bool:
    """Answering an update campaign for a state: its own focal point; the Secretariat for any state (an
    answer sent by e-mail)."""
    if is_secretariat(user):
        return True
    own = state_id_of(user)
    return role_of(user) == Role.FOCAL_POINT and own is not None and state is not None and state.pk == own


def can_review_directory(user) -> bool:
    """The verification dashboard and contact corrections: the Secretariat, focal points (own state)."""
    return _acts_for_a_state(user)


def can_use_spaces(user) -> bool:
    """The expert spaces are for vetted users."""
    return is_vetted(user)


def can_administer_spaces(user) -> bool:
    """Creating expert spaces and adding or removing other members: the Secretariat."""
    return is_secretariat(user)


def can_read_experts_notes(user) -> bool:
    """The experts' part of a measure sheet (practical hints a state shares with its peers): vetted users."""
    return is_vetted(user)


def can_save_searches(user) -> bool:
    """Saving a search of the legislation to re-run it from one's home: every vetted user."""
    return is_vetted(user)


def can_view_providers(user) -> bool:
    """The directory of service providers (law-enforcement channels): vetted users."""
    return is_vetted(user)


def can_draft_requests(user) -> bool:
    """The request-drafting assistant (cooperation): every vetted user prepares their own requests."""
    return is_vetted(user)


def can_open_request_draft(user, draft) -> bool:
    """A request draft holds case data: its author alone opens it (while vetted), the Secretariat
    included in "everyone else"."""
    return can_draft_requests(user) and draft.author_id == user.pk


def can_check_national_links(user) -> bool:
    """The link checker's findings on the home (dead links, sites not linking back): the Secretariat for
    every state, focal points for their own (the links themselves are public unless restricted)."""
    return _acts_for_a_state(user)


def can_keep_own_state_pages(user) -> bool:
    """Pages a state keeps for the public (how to report a cybercrime there): its focal point is
    reminded of them on their home; the Secretariat keeps them for every state in the admin."""
    return role_of(user) == Role.FOCAL_POINT and state_id_of(user) is not None


def can_compose_bulletin(user) -> bool:
    """Composing, publishing and sending the Legal Cooperation Bulletin: the Secretariat."""
    return is_secretariat(user)


def can_contribute_to_bulletin(user) -> bool:
    """Sending news for the bulletin: focal points for their own state (moderated), the Secretariat."""
    return _acts_for_a_state(user)


# Roles that read restricted data of many people: the MFA middleware holds them until a second factor is used.
PRIVILEGED_ROLES = frozenset({Role.FOCAL_POINT, Role.SECRETARIAT})


def can_use_admin(user) -> bool:
    """The Wagtail admin: focal points and the Secretariat edit there (others get the portal's 403 page)."""
    return _acts_for_a_state(user) and user.has_perm("wagtailadmin.access_admin")


def can_download_admin_documents(user) -> bool:
    """Documents uploaded in the Wagtail admin are the Secretariat's working files (core.apps
    gives it alone `wagtaildocs.*`; no portal page links them): only the Secretariat downloads them.
    Wagtail's own rule would serve them to anyone who has the address."""
    return is_secretariat(user)


# --- API tokens (cyberportal/api): a token acts as its account, never beyond it ----------------------


def can_hold_api_tokens(user) -> bool:
    """Personal API tokens are for vetted users; a token reads what the account's pages show."""
    return is_vetted(user)


def can_issue_system_tokens(user) -> bool:
    """System tokens (another organisation's system reading through a vetted account): the Secretariat."""
    return is_secretariat(user)


def can_write_through_api(user) -> bool:
    """A token's `write` scope: focal points (their own state's records, as drafts) and the Secretariat."""
    return _acts_for_a_state(user)


def can_revoke_api_token(user, token) -> bool:
    """The token's own account revokes it; the Secretariat revokes any."""
    return is_secretariat(user) or (is_vetted(user) and token.user_id == user.pk)
