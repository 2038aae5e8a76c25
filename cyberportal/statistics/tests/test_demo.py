"""The demo's statistics: two years for a dozen states, all examples, every step of the review shown."""

import pytest
from django.test import Client

from cyberportal.accounts.models import User
from cyberportal.statistics import selectors
from cyberportal.statistics.models import ReturnStatus, StatisticsReturn, StatisticValue

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_years_of_a_dozen_states_labelled_as_examples(demo_instance):
    from cyberportal.demo.annual_statistics import statistics_load

    returns = StatisticsReturn.objects.all()
    assert returns.count() == 24 and set(returns.values_list("year", flat=True)) == {2024, 2025}
    assert not returns.filter(is_example=False).exists()
    statuses = {(r.state.code, r.year): r.status for r in returns.select_related("state")}
    assert statuses[("CO", 2025)] == ReturnStatus.DRAFT
    assert statuses[("MX", 2025)] == ReturnStatus.SUBMITTED
    assert statuses[("PE", 2025)] == ReturnStatus.RETURNED
    assert list(statuses.values()).count(ReturnStatus.VALIDATED) == 21
    values = StatisticValue.objects.count()

    statistics_load()  # idempotent

    assert StatisticsReturn.objects.count() == 24 and StatisticValue.objects.count() == values


def test_the_demo_focal_point_sees_the_2025_return_due_and_visitors_see_the_tables(demo_instance):
    focal = User.objects.get(username="focal.co")

    [task] = selectors.home_tasks(focal)

    assert str(task.label) == f"Statistics return for {selectors.due_year()} due"
    page = Client().get("/en/statistics/?year=2025").content.decode()
    assert "Completeness per state" in page and "Colombia" in page
