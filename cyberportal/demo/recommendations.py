"""Demo step for recommendations: four meetings imported through the importer from paraphrases the project
ships (cyberportal/demo/data/recommendations/), lineage links, and example implementation reports.

The meetings' identification (body, number, dates, place, symbol) is public record; the recommendation
texts are the project's own paraphrases, and every implementation report is an invented example.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from cyberportal.recommendations import importer, services
from cyberportal.recommendations.models import (
    Addressee,
    ImplementationReport,
    ImplementationStatus,
    LineageKind,
    Meeting,
    Recommendation,
    ReviewStatus,
)
from cyberportal.states.models import State

DATA = Path(__file__).parent / "data" / "recommendations"
SOURCE = "https://www.oas.org/juridico/english/cybersecurity.htm"

# File, corrections the header does not give, and the public source of the meeting's identification.
MEETINGS = [
    ("remja-v-2004.md", {}, "Final report of REMJA-V, OEA/Ser.K/XXXIV.5 (paraphrase)"),
    ("experts-v-2007.txt", {}, "CIBER-V/doc.3/07 rev. 1 (paraphrase)"),
    (
        "remja-vii-2008.md",
        # REMJA-VII met in Washington, D.C., 28-30 April 2008 (chronicle seed: "held in April 2008").
        {
            "year": 2008,
            "start_date": datetime.date(2008, 4, 28),
            "end_date": datetime.date(2008, 4, 30),
            "place": "Washington, D.C.",
        },
        "Conclusions and recommendations of REMJA-VII (paraphrase)",
    ),
    (
        "working-group-ix-2016.md",
        {},
        "Recommendations of the Ninth Meeting of the Working Group (paraphrase)",
    ),
]

# (meeting slug, number) -> (earlier meeting slug, number, kind): the lineage a reader of the documents sees.
LINEAGE = {
    ("experts-v", 1): ("remja-v", 9, LineageKind.CONTINUES),
    ("working-group-ix", 1): ("experts-v", 1, LineageKind.REPEATS),
    ("working-group-ix", 2): ("experts-v", 2, LineageKind.REPEATS),
    ("working-group-ix", 3): ("experts-v", 3, LineageKind.REPEATS),
    ("working-group-ix", 4): ("experts-v", 4, LineageKind.REPEATS),
    ("working-group-ix", 5): ("experts-v", 4, LineageKind.CONTINUES),
    ("experts-v", 5): ("remja-v", 6, LineageKind.CONTINUES),
    ("working-group-ix", 8): ("experts-v", 5, LineageKind.REPEATS),
    ("experts-v", 8): ("remja-v", 8, LineageKind.REPEATS),
    ("remja-vii", 3): ("experts-v", 8, LineageKind.REPEATS),
    ("working-group-ix", 13): ("remja-vii", 3, LineageKind.REPEATS),
    ("working-group-ix", 9): ("experts-v", 6, LineageKind.REPEATS),
    ("working-group-ix", 12): ("experts-v", 7, LineageKind.CONTINUES),
    ("working-group-ix", 14): ("experts-v", 9, LineageKind.REPEATS),
    ("working-group-ix", 15): ("experts-v", 10, LineageKind.REPEATS),
    ("experts-v", 12): ("remja-v", 4, LineageKind.CONTINUES),
    ("working-group-ix", 17): ("experts-v", 12, LineageKind.CONTINUES),
    ("remja-vii", 5): ("experts-v", 13, LineageKind.CONTINUES),
    ("working-group-ix", 22): ("experts-v", 13, LineageKind.REPEATS),
}

STATUSES = [
    ImplementationStatus.IMPLEMENTED,
    ImplementationStatus.IMPLEMENTED,
    ImplementationStatus.IN_PROGRESS,
    ImplementationStatus.IN_PROGRESS,
    ImplementationStatus.NOT_STARTED,
    ImplementationStatus.NOT_APPLICABLE,
]
NARRATIVES = {
    ImplementationStatus.IMPLEMENTED: "Example report written for the demo: the measure is in place.",
    ImplementationStatus.IN_PROGRESS: "Example report written for the demo: work has started and is under way.",
    ImplementationStatus.NOT_STARTED: "Example report written for the demo: no action yet.",
    ImplementationStatus.NOT_APPLICABLE: "Example report written for the demo: not applicable to this state.",
}


def _pick(*parts) -> int:
    """A stable pseudo-random number, so the demo is the same on every machine and every run."""
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


@transaction.atomic
def recommendations_load() -> None:
    _grant_secretariat_admin()
    for name, corrections, source in MEETINGS:
        document = importer.read_document(name, (DATA / name).read_bytes())
        if Meeting.objects.filter(body__kind=document.meeting.body, number=document.meeting.number).exists():
            continue
        for key, value in corrections.items():
            setattr(document.meeting, key, value)
        document.source_name = source
        meeting = services.meeting_import(
            document=document, lineage={r.number: None for r in document.recommendations}
        )
        Meeting.objects.filter(pk=meeting.pk).update(source_url=SOURCE)
    for (slug, number), (earlier_slug, earlier_number, kind) in LINEAGE.items():
        earlier = Recommendation.objects.get(meeting__slug=earlier_slug, number=earlier_number)
        Recommendation.objects.filter(meeting__slug=slug, number=number).update(
            previous=earlier, lineage_kind=kind
        )
    _example_reports()


def _example_reports() -> None:
    secretariat_user = None
    states = list(State.objects.order_by("code"))
    to_states = Recommendation.objects.filter(
        meeting__slug="working-group-ix", addressees__code=Addressee.Code.STATES
    ).distinct()
    for recommendation in to_states:
        for state in states:
            roll = _pick(state.code, recommendation.number)
            if roll % 5 == 0:
                continue  # about one state in five has not reported: "most states" report
            status = STATUSES[roll % len(STATUSES)]
            # Colombia's reports stay drafts so the demo's Secretariat has something to accept.
            review = ReviewStatus.DRAFT if state.code == "CO" else ReviewStatus.ACCEPTED
            ImplementationReport.objects.get_or_create(
                recommendation=recommendation,
                state=state,
                defaults={
                    "status": status,
                    "narrative": NARRATIVES[status],
                    "as_of": datetime.date(2025, 1 + roll % 12, 1 + roll % 28),
                    "review_status": review,
                    "live": review == ReviewStatus.ACCEPTED,  # a draft is not published (core.moderation)
                    "is_example": True,
                    "accepted_by": secretariat_user,
                },
            )
    for recommendation in Recommendation.objects.filter(
        meeting__slug="working-group-ix", addressees__code=Addressee.Code.TECHNICAL_SECRETARIAT
    ).distinct():
        ImplementationReport.objects.get_or_create(
            recommendation=recommendation,
            state=None,
            defaults={
                "status": ImplementationStatus.IN_PROGRESS,
                "narrative": "Example report written for the demo: the Secretariat is working on it.",
                "as_of": datetime.date(2025, 6, 30),
                "review_status": ReviewStatus.ACCEPTED,
                "is_example": True,
            },
        )


def _grant_secretariat_admin() -> None:
    # Instances whose Secretariat group predates this app get its admin permissions too.
    group = Group.objects.filter(name="Secretariat").first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="recommendations"))
