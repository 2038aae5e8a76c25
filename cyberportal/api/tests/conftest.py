"""Data for the open-data tests: laws and reports at every visibility, of three states."""

import pytest

from cyberportal.laws.tests.helpers import make_budapest, make_law, make_mapping, make_provision
from cyberportal.recommendations import services
from cyberportal.recommendations.models import ImplementationReport
from cyberportal.recommendations.tests.helpers import TODAY, import_fixture
from cyberportal.testing import make_state, make_user


@pytest.fixture
def portal(db):
    """CO owns laws and reports at each visibility (and a draft); AR and BR have one public law each."""
    co, ar, br = make_state("CO"), make_state("AR"), make_state("BR")
    make_budapest()
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
    return {"co": co, "ar": ar, "br": br, "laws": laws, "reports": reports, "meeting": meeting,
            "recommendation": recommendation, "secretariat": secretariat}  # fmt: skip
