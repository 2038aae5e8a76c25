"""Data for the open-data tests: laws and reports at every visibility, of three states; events with
materials at several visibilities; statistics returns validated, validated but not public, and submitted;
directory authorities and contacts at each visibility; measure sheets with notes for experts."""

import pytest

from cyberportal.cooperation.tests.helpers import make_sheet
from cyberportal.directory.tests.helpers import make_authority, make_contact
from cyberportal.events.tests.helpers import make_event
from cyberportal.laws.tests.helpers import make_budapest, make_law, make_mapping, make_provision
from cyberportal.recommendations import services
from cyberportal.recommendations.models import ImplementationReport
from cyberportal.recommendations.tests.helpers import TODAY, import_fixture
from cyberportal.states.models import TreatyStatus
from cyberportal.statistics import services as statistics_services
from cyberportal.statistics.tests.helpers import consistent_values, seed_indicators, typed
from cyberportal.testing import make_state, make_user


@pytest.fixture
def portal(db):
    """CO owns laws and reports at each visibility (and a draft); AR and BR have one public law each."""
    co, ar, br = make_state("CO"), make_state("AR"), make_state("BR")
    budapest = make_budapest()
    TreatyStatus.objects.create(
        state=co, instrument=budapest, status="ratified", ratified_on=TODAY, as_of=TODAY
    )
    laws = {
        "public": make_law(co, "1273", title="Ley de delitos informáticos"),
        "experts": make_law(co, "2", visibility="experts"),
        "state": make_law(co, "3", visibility="state"),
        "secretariat": make_law(co, "4", visibility="secretariat"),
        "draft": make_law(co, "5", live=False),
        "ar": make_law(ar, "26388", language="es"),
        "br": make_law(br, "12737", language="pt"),
    }
    for name, law in laws.items():
        provision = make_provision(law, "1", f"Texto del artículo 1 de {name}")
        make_mapping(provision, "2")
    meeting = import_fixture("wg_2016_like.md")
    recommendation = meeting.recommendations.get(number=1)
    secretariat = make_user("secretariat", username="the-secretariat")
    reports = {}
    for visibility, state in [("public", co), ("experts", ar), ("state", br)]:
        report = ImplementationReport.objects.create(
            recommendation=recommendation,
            state=state,
            status="implemented",
            as_of=TODAY,
            visibility=visibility,
        )
        services.report_accept(user=secretariat, report=report)
        reports[visibility] = report
    reports["draft"] = ImplementationReport.objects.create(
        recommendation=meeting.recommendations.get(number=2), state=co, status="implemented", as_of=TODAY
    )
    events = {
        "lima": make_event(
            "workshop-lima", host_state=co, materials=[
                {"title": "Public programme", "url": "https://example.org/programme.pdf", "visibility": "public",
                 "tlp": "clear"},
                {"title": "Case studies for experts", "url": "https://example.org/cases.pdf",
                 "visibility": "experts", "tlp": "amber"},
            ],
        ),
        "online": make_event(
            "course-online", title="Online course on the Budapest Convention", kind="course", format="online",
            city="", online_url="https://example.org/course", topics=("budapest",), meeting=meeting,
        ),
    }  # fmt: skip
    statistics = _statistics(secretariat, co, ar, br)
    directory = _directory(co, ar)
    sheets = {
        "public": make_sheet(
            co, public_notes="Send by e-mail.", experts_notes="Call the duty prosecutor first (experts)."
        ),
        "experts": make_sheet(ar, "subscriber", visibility="experts"),
        "state": make_sheet(br, "content", visibility="state"),
    }
    return {"co": co, "ar": ar, "br": br, "laws": laws, "reports": reports, "meeting": meeting,
            "recommendation": recommendation, "secretariat": secretariat, "events": events,
            "statistics": statistics, "directory": directory, "sheets": sheets}  # fmt: skip


def _directory(co, ar):
    """CO's public authority with a contact at each visibility; AR's experts-only authority, whose public
    contact is therefore for experts too."""
    co_authority = make_authority(co)
    ar_authority = make_authority(ar, visibility="experts", name="Policía de prueba AR", kind="police")
    contacts = {
        visibility: make_contact(co_authority, f"Contacto {visibility}", visibility=visibility)
        for visibility in ["public", "experts", "state", "secretariat"]
    }
    contacts["in_experts_authority"] = make_contact(ar_authority, "Contacto AR", roles=("central_authority",))
    return {"authorities": {"co": co_authority, "ar": ar_authority}, "contacts": contacts}


def _statistics(secretariat, co, ar, br):
    """CO's 2024 return validated and public, BR's validated for experts only, AR's submitted only."""
    seed_indicators()
    returns = {}
    for name, state, scale in [("public", co, 1), ("experts", br, 2), ("submitted", ar, 3)]:
        focal = make_user("focal_point", state, username=f"focal-statistics-{state.code.lower()}")
        saved, _outcome = statistics_services.return_save(
            user=focal, state=state, year=2024, typed=typed(consistent_values(scale)), submit=True,
            methodology=f"Methodology of {name}",
        )  # fmt: skip
        if name != "submitted":
            statistics_services.return_validate(user=secretariat, statistics_return=saved)
        if name == "experts":
            type(saved).objects.filter(pk=saved.pk).update(visibility="experts")
        returns[name] = saved
    return returns
