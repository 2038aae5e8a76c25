"""Demo update campaigns, labelled as examples: the 2025 statistics returns (states that submitted one
count as answered) and the treaty status (Colombia's focal point answers that it is up to date)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cyberportal.accounts.models import User
from cyberportal.campaigns.models import Answer, UpdateCampaign
from cyberportal.campaigns.services import answers_collect, campaign_answer, campaign_start

MESSAGE = (
    "Example campaign of the demo instance: the Secretariat prepares its report to the ministers and asks "
    "every participating state to confirm its information."
)


@transaction.atomic
def campaigns_load() -> None:
    if UpdateCampaign.objects.filter(is_example=True).exists():
        return
    today = timezone.localdate()
    statistics = campaign_start(
        started_by=None,
        subject="statistics",
        year=2025,
        due_date=today + datetime.timedelta(days=30),
        message=MESSAGE,
        message_language="en",
        is_example=True,
        notify=False,
    )
    treaties = campaign_start(
        started_by=None,
        subject="treaty_status",
        due_date=today + datetime.timedelta(days=14),
        message=MESSAGE,
        message_language="en",
        is_example=True,
        notify=False,
    )
    answers_collect(campaigns=[statistics])
    focal = User.objects.filter(username="focal.co").first()
    row = treaties.states.filter(state__code="CO").first()
    if focal is not None and row is not None:
        campaign_answer(row=row, user=focal, answer=Answer.UP_TO_DATE, as_of=today)
