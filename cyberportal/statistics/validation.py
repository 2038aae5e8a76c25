"""The validation rules of a return, as plain functions over what the focal point typed.

Each rule reads the indicators' own settings (data the Secretariat edits): a value is a whole number
and not negative; the parts of a total add up to it (or stay below it when some parts are not
available); a value does not exceed the one it is bounded by (convicted ≤ prosecuted); a change from
last year's validated value beyond the indicator's threshold is a warning the focal point explains in
the value's note. Every message names the indicator and the value, so the form can show it beside the
field and in the summary above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Indicator

ERROR = "error"
WARNING = "warning"
MAX_VALUE = 10**12  # a count of cases, requests or people beyond this is a typing slip, not a figure
MIN_JUMP = 10  # changes smaller than this are never flagged as jumps


@dataclass
class Entry:
    """What the form holds for one indicator: the raw text, its number once parsed, n/a, the note."""

    raw: str = ""
    value: int | None = None
    not_available: bool = False
    note: str = ""

    @property
    def blank(self) -> bool:
        return self.value is None and not self.not_available


@dataclass
class Problem:
    code: str  # the indicator's code, which the form uses as the field's anchor
    message: str
    severity: str = ERROR


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def for_code(self, code: str) -> list[Problem]:
        return [p for p in self.problems if p.code == code]


def parse(raw: str, not_available: bool, note: str = "") -> tuple[Entry, str | None]:
    """The entry for a typed value, and what is wrong with its form (None when it reads as a number)."""
    text = (raw or "").strip().replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    entry = Entry(raw=raw or "", not_available=not_available, note=(note or "").strip())
    if not text:
        return entry, None
    if not_available:
        return entry, "both"
    if text.lstrip("-").isascii() and text.lstrip("-").isdigit():
        number = int(text)
        if number < 0:
            return entry, "negative"
        if number > MAX_VALUE:
            return entry, "too_large"
        entry.value = number
        return entry, None
    return entry, "not_a_number"


def format_problem(indicator: Indicator, raw: str, kind: str) -> Problem:
    messages = {
        "both": _(
            "%(indicator)s: “%(value)s” is a value, but the figure is also marked not available; choose one."
        ),
        "negative": _("%(indicator)s: “%(value)s” is negative; a count cannot be below zero."),
        "too_large": _("%(indicator)s: “%(value)s” is too large to be a count; check the figure."),
        "not_a_number": _("%(indicator)s: “%(value)s” is not a whole number (write digits only, e.g. 1250)."),
    }
    return Problem(indicator.code, messages[kind] % {"indicator": indicator.name, "value": raw.strip()})


def _sum_of_parts(indicators: list[Indicator], entries: dict[str, Entry]) -> list[Problem]:
    problems = []
    for total in indicators:
        parts = [i for i in indicators if i.part_of_id == total.pk]
        entry = entries.get(total.code)
        if not parts or entry is None or entry.value is None:
            continue
        part_entries = [entries.get(p.code) for p in parts]
        known = [e.value for e in part_entries if e is not None and e.value is not None]
        complete = len(known) == len(parts)
        added = sum(known)
        if complete and added != entry.value:
            problems.append(
                Problem(
                    total.code,
                    _("%(indicator)s: %(value)s is not the sum of its parts (%(sum)s).")
                    % {"indicator": total.name, "value": entry.value, "sum": added},
                )
            )
        elif not complete and added > entry.value:
            problems.append(
                Problem(
                    total.code,
                    _("%(indicator)s: %(value)s is less than the parts already given (%(sum)s).")
                    % {"indicator": total.name, "value": entry.value, "sum": added},
                )
            )
    return problems


def _bounds(indicators: list[Indicator], entries: dict[str, Entry]) -> list[Problem]:
    problems = []
    by_pk = {i.pk: i for i in indicators}
    for indicator in indicators:
        bound = by_pk.get(indicator.at_most_id)
        entry, limit = entries.get(indicator.code), entries.get(bound.code) if bound else None
        if bound is None or entry is None or limit is None or entry.value is None or limit.value is None:
            continue
        if entry.value > limit.value:
            problems.append(
                Problem(
                    indicator.code,
                    _("%(indicator)s: %(value)s is more than %(bound)s (%(limit)s), which is impossible.")
                    % {
                        "indicator": indicator.name,
                        "value": entry.value,
                        "bound": bound.name,
                        "limit": limit.value,
                    },
                )
            )
    return problems


def _jumps(
    indicators: list[Indicator], entries: dict[str, Entry], last_year: dict[str, int]
) -> list[Problem]:
    problems = []
    for indicator in indicators:
        entry, before = entries.get(indicator.code), last_year.get(indicator.code)
        if indicator.jump_threshold is None or entry is None or entry.value is None or before is None:
            continue
        difference = abs(entry.value - before)
        # A change of a handful is not a jump, whatever its percentage (2 cases becoming 5).
        if difference < MIN_JUMP or (before and difference * 100 / before <= indicator.jump_threshold):
            continue
        message = _(
            "%(indicator)s: %(value)s against %(before)s last year, a change beyond %(threshold)s%%; "
            "explain it in the note."
        ) % {
            "indicator": indicator.name,
            "value": entry.value,
            "before": before,
            "threshold": indicator.jump_threshold,
        }
        problems.append(Problem(indicator.code, message, WARNING))
        if not entry.note:
            problems.append(
                Problem(
                    indicator.code,
                    _(
                        "%(indicator)s: the change from %(before)s to %(value)s needs a note before submitting."
                    )
                    % {"indicator": indicator.name, "before": before, "value": entry.value},
                )
            )
    return problems


def check(
    indicators: list[Indicator],
    entries: dict[str, Entry],
    last_year: dict[str, int],
    *,
    complete: bool,
) -> Outcome:
    """Every rule over parsed entries. `complete`: submitting, so a blank figure is an error too."""
    outcome = Outcome()
    if complete:
        for indicator in indicators:
            entry = entries.get(indicator.code)
            if entry is None or entry.blank:
                outcome.problems.append(
                    Problem(
                        indicator.code,
                        _("%(indicator)s: no value; enter the figure or mark it not available.")
                        % {"indicator": indicator.name},
                    )
                )
    outcome.problems += _sum_of_parts(indicators, entries)
    outcome.problems += _bounds(indicators, entries)
    jumps = _jumps(indicators, entries, last_year)
    # A missing explanation blocks submitting only; while drafting the warning is the reminder.
    outcome.problems += [p for p in jumps if complete or p.severity == WARNING]
    return outcome
