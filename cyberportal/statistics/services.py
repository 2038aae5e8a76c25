"""Writes with rules: the seed indicators, a state's return (save, submit), the Secretariat's review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy

from . import validation
from .models import Indicator, ReturnStatus, StatisticsReturn, StatisticValue
from .reference import indicator_rows

FIRST_YEAR = 2000


class ReturnInvalid(Exception):
    """The typed return breaks a rule; nothing was saved. Carries the entries (to show them again)."""

    def __init__(self, outcome: validation.Outcome, entries: dict[str, validation.Entry]):
        super().__init__("; ".join(p.message for p in outcome.errors))
        self.outcome = outcome
        self.entries = entries


@transaction.atomic
def indicators_load() -> int:
    """Add the seed indicators (reference.py) that are not there yet; the Secretariat's edits stay."""
    rows = indicator_rows()
    existing = set(Indicator.objects.values_list("code", flat=True))
    created = 0
    for row in rows:
        if row["code"] in existing:
            continue
        fields = {k: v for k, v in row.items() if k not in {"part_of", "at_most"}}
        indicator = Indicator(**fields)
        indicator.full_clean()
        indicator.save()
        created += 1
    by_code = {i.code: i for i in Indicator.objects.all()}
    for row in rows:
        if row["code"] in existing:
            continue
        indicator = by_code[row["code"]]
        indicator.part_of = by_code.get(row["part_of"])
        indicator.at_most = by_code.get(row["at_most"])
        indicator.save(update_fields=["part_of", "at_most"])
    return created


def check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError(
            {"year": _("%(year)s is not a year a return can be made for (%(first)s to %(last)s).")
             % {"year": year, "first": FIRST_YEAR, "last": this_year}}
        )  # fmt: skip


def parse_entries(
    indicators: list[Indicator], typed: dict[str, tuple[str, bool, str]]
) -> tuple[dict[str, validation.Entry], list[validation.Problem]]:
    """What the form sent, {code: (raw value, not available, note)}, as entries and format problems."""
    entries, problems = {}, []
    for indicator in indicators:
        raw, not_available, note = typed.get(indicator.code, ("", False, ""))
        entry, kind = validation.parse(raw, not_available, note)
        entries[indicator.code] = entry
        if kind:
            problems.append(validation.format_problem(indicator, raw, kind))
    return entries, problems


def last_year_values(state, year: int) -> dict[str, int]:
    """The previous year's validated figures of `state`, by indicator code (for the jump rule)."""
    rows = StatisticValue.objects.filter(
        statistics_return__state=state,
        statistics_return__year=year - 1,
        statistics_return__status=ReturnStatus.VALIDATED,
        value__isnull=False,
    ).values_list("indicator__code", "value")
    return dict(rows)


def _editable(user, statistics_return: StatisticsReturn) -> None:
    if not policy.can_submit_statistics_for(user, statistics_return.state):
        raise PermissionDenied(_("You may fill in only your own state's statistics return."))
    if statistics_return.status == ReturnStatus.SUBMITTED and not policy.can_validate_statistics(user):
        raise ValidationError(_("This return is with the Secretariat; it can change once it is returned."))
    if statistics_return.status == ReturnStatus.VALIDATED and not policy.can_validate_statistics(user):
        raise ValidationError(
            _("This return is validated; ask the Secretariat to return it if a figure must change.")
        )


@transaction.atomic
def return_save(
    *,
    user,
    state,
    year: int,
    typed: dict[str, tuple[str, bool, str]],
    methodology: str = "",
    submit: bool = False,
    is_example: bool = False,
) -> tuple[StatisticsReturn, validation.Outcome]:
    """Save `state`'s return for `year` as typed; `submit` sends it to the Secretariat.

    A value that is not a number (or negative, or also marked not available) refuses the whole save;
    submitting also refuses blanks and broken rules. Refusals raise ReturnInvalid and save nothing.
    A draft is saved with the other rules' problems, which the outcome lists for the form.
    """
    check_year(year)
    statistics_return = StatisticsReturn.objects.filter(state=state, year=year).first()
    created = statistics_return is None
    if created:
        statistics_return = StatisticsReturn(state=state, year=year)
    _editable(user, statistics_return)
    indicators = list(Indicator.objects.filter(active=True))
    entries, problems = parse_entries(indicators, typed)
    outcome = validation.Outcome(problems=list(problems))
    if not problems:
        outcome = validation.check(indicators, entries, last_year_values(state, year), complete=submit)
    if problems or (submit and outcome.errors):
        raise ReturnInvalid(outcome, entries)
    statistics_return.methodology = (methodology or "").strip()
    statistics_return.is_example = is_example
    statistics_return.live = False
    statistics_return.status = ReturnStatus.SUBMITTED if submit else ReturnStatus.DRAFT
    if submit:
        statistics_return.submitted_by = user if getattr(user, "is_authenticated", False) else None
        statistics_return.submitted_at = timezone.now()
    statistics_return.full_clean()
    statistics_return.save()
    existing = {v.indicator_id: v for v in statistics_return.values.all()}
    for indicator in indicators:
        entry = entries[indicator.code]
        row = existing.get(indicator.pk) or StatisticValue(
            statistics_return=statistics_return, indicator=indicator
        )
        row.value, row.not_available, row.note = entry.value, entry.not_available, entry.note
        row.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=statistics_return,
        changes={"status": statistics_return.status, "year": year},
    )
    return statistics_return, outcome


@transaction.atomic
def return_validate(*, user, statistics_return: StatisticsReturn) -> StatisticsReturn:
    """The Secretariat validates a submitted return: its values become public."""
    if not policy.can_validate_statistics(user):
        raise PermissionDenied(_("Only the Secretariat validates statistics returns."))
    statistics_return.refresh_from_db()  # the status as it is now, not as a page read it
    if statistics_return.status != ReturnStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted return can be validated; this one is %(status)s.")
                              % {"status": statistics_return.get_status_display()})  # fmt: skip
    statistics_return.status = ReturnStatus.VALIDATED
    statistics_return.live = True
    statistics_return.review_comment = ""
    statistics_return.validated_by = user
    statistics_return.validated_at = timezone.now()
    statistics_return.save()
    audit_record(
        actor=user, action=AuditAction.PUBLISH, obj=statistics_return, changes={"status": "validated"}
    )
    return statistics_return


@transaction.atomic
def return_send_back(*, user, statistics_return: StatisticsReturn, comment: str) -> StatisticsReturn:
    """The Secretariat returns a submitted (or validated) return with a comment; its values leave the
    public tables until it is validated again."""
    if not policy.can_validate_statistics(user):
        raise PermissionDenied(_("Only the Secretariat returns statistics returns."))
    statistics_return.refresh_from_db()
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change: the comment goes to the focal point.")})
    if statistics_return.status not in (ReturnStatus.SUBMITTED, ReturnStatus.VALIDATED):
        raise ValidationError(_("Only a submitted or validated return can be returned."))
    statistics_return.status = ReturnStatus.RETURNED
    statistics_return.live = False
    statistics_return.review_comment = comment
    statistics_return.save()
    audit_record(
        actor=user,
        action=AuditAction.CHANGE,
        obj=statistics_return,
        changes={"status": "returned", "comment": comment},
    )
    return statistics_return
