"""Each validation rule of a return, on the seed indicators, through the service that saves it."""

from __future__ import annotations

import pytest

from cyberportal.core.roles import Role
from cyberportal.statistics import services
from cyberportal.statistics.models import ReturnStatus, StatisticsReturn, StatisticValue
from cyberportal.testing import make_state, make_user

from .helpers import consistent_values, seed_indicators, typed

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def focal():
    seed_indicators()
    return make_user(Role.FOCAL_POINT, make_state("CO"), username="focal.co")


def _refused(focal, values, *, submit=True, notes=None, unavailable=(), year=YEAR):
    with pytest.raises(services.ReturnInvalid) as refused:
        services.return_save(
            user=focal, state=focal.state, year=year, typed=typed(values, notes, unavailable), submit=submit
        )
    assert not StatisticsReturn.objects.filter(state=focal.state, year=year).exists(), "nothing half-saved"
    return [p.message for p in refused.value.outcome.errors]


def test_a_consistent_return_is_submitted(focal):
    saved, outcome = services.return_save(
        user=focal, state=focal.state, year=YEAR, typed=typed(consistent_values()), submit=True
    )

    assert saved.status == ReturnStatus.SUBMITTED and not saved.live
    assert outcome.errors == []
    assert (
        StatisticValue.objects.get(statistics_return=saved, indicator__code="cases-recorded-all").value == 100
    )


def test_a_negative_value_is_refused_naming_the_indicator_and_value(focal):
    values = consistent_values() | {"mla-sent": -4}

    errors = _refused(focal, values, submit=False)

    assert errors == ["Mutual assistance requests sent: “-4” is negative; a count cannot be below zero."]


def test_a_value_that_is_not_a_number_is_refused_even_in_a_draft(focal):
    errors = _refused(focal, consistent_values() | {"247-sent": "about 12"}, submit=False)

    assert errors == ["24/7 requests sent: “about 12” is not a whole number (write digits only, e.g. 1250)."]


def test_a_value_marked_not_available_too_is_refused(focal):
    values = consistent_values()
    data = typed(values)
    data["mla-sent"] = ("5", True, "")
    with pytest.raises(services.ReturnInvalid) as refused:
        services.return_save(user=focal, state=focal.state, year=YEAR, typed=data)

    assert "also marked not available" in refused.value.outcome.errors[0].message


def test_a_total_that_is_not_the_sum_of_its_parts_is_refused(focal):
    errors = _refused(focal, consistent_values() | {"cases-recorded-all": 99})

    assert errors == ["Cases recorded: all offences: 99 is not the sum of its parts (100)."]


def test_with_parts_not_available_the_total_may_not_be_below_those_given(focal):
    values = consistent_values()
    del values["cases-recorded-art2"]
    ok = dict(values, **{"cases-recorded-all": 95})  # 90 given + an unknown part: 95 is possible
    services.return_save(
        user=focal,
        state=focal.state,
        year=YEAR,
        typed=typed(ok, unavailable=["cases-recorded-art2"]),
        submit=True,
    )
    StatisticsReturn.objects.all().delete()

    errors = _refused(focal, dict(values, **{"cases-recorded-all": 80}), unavailable=["cases-recorded-art2"])

    assert errors == ["Cases recorded: all offences: 80 is less than the parts already given (90)."]


def test_more_convictions_than_prosecutions_is_impossible(focal):
    values = consistent_values() | {"cases-convicted-art8": 7, "cases-convicted-all": 34}

    errors = _refused(focal, values)

    assert errors == [
        "Cases with a conviction: computer-related fraud (Art. 8): 7 is more than "
        "Cases prosecuted: computer-related fraud (Art. 8) (5), which is impossible."
    ]


def test_more_requests_executed_than_received_is_impossible(focal):
    errors = _refused(focal, consistent_values() | {"mla-executed": 9})

    assert errors == [
        "Mutual assistance requests executed: 9 is more than Mutual assistance requests received (6), "
        "which is impossible."
    ]


def test_a_blank_figure_blocks_submitting_but_not_a_draft(focal):
    values = consistent_values()
    del values["preservation-sent"]

    errors = _refused(focal, values)
    assert errors == ["Preservation requests sent: no value; enter the figure or mark it not available."]

    saved, outcome = services.return_save(user=focal, state=focal.state, year=YEAR, typed=typed(values))
    assert saved.status == ReturnStatus.DRAFT and outcome.errors == []


def _validated_last_year(focal, values):
    secretariat = make_user(Role.SECRETARIAT, None, username="sec")
    saved, _outcome = services.return_save(
        user=focal, state=focal.state, year=YEAR - 1, typed=typed(values), submit=True
    )
    services.return_validate(user=secretariat, statistics_return=saved)


def test_a_jump_from_last_year_is_a_warning_that_needs_a_note(focal):
    _validated_last_year(focal, consistent_values())
    values = consistent_values() | {"training-police": 80, "training-total": 95}  # 20 -> 80, 35 -> 95

    errors = _refused(focal, values)
    assert errors == [  # in the indicators' order: the total first
        "People trained: the change from 35 to 95 needs a note before submitting.",
        "Police officers trained: the change from 20 to 80 needs a note before submitting.",
    ]

    notes = {"training-police": "A national course for 60 officers.", "training-total": "Same course."}
    saved, outcome = services.return_save(
        user=focal, state=focal.state, year=YEAR, typed=typed(values, notes), submit=True
    )
    assert saved.status == ReturnStatus.SUBMITTED
    assert [p.code for p in outcome.warnings] == ["training-total", "training-police"]
    assert "80 against 20 last year, a change beyond 50%" in outcome.warnings[1].message


def test_a_change_within_the_threshold_is_not_flagged(focal):
    _validated_last_year(focal, consistent_values())
    values = consistent_values() | {"training-police": 29, "training-total": 44}  # +45 %, +26 %

    _saved, outcome = services.return_save(
        user=focal, state=focal.state, year=YEAR, typed=typed(values), submit=True
    )

    assert outcome.problems == []


def test_a_year_in_the_future_or_before_2000_is_refused(focal):
    from django.core.exceptions import ValidationError

    for year in (1999, 2999):
        with pytest.raises(ValidationError):
            services.return_save(user=focal, state=focal.state, year=year, typed=typed(consistent_values()))
