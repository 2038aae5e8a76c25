"""Public pages: laws by state, a law as in force on a date, article view, matrix, gap report, comparison,
search (cross-lingual, filters, publication state) and the import upload → preview → confirm flow."""

import datetime
import io
import re

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberportal.core.models import ImportJob
from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.testing import make_state, make_user

from .helpers import make_budapest, make_law, make_mapping, make_provision, make_thesaurus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """Four states, one draft law, provisions in Spanish, Portuguese, English and French."""
    make_thesaurus()
    co, br, us, ca = (make_state(c) for c in ("CO", "BR", "US", "CA"))
    ley = make_law(co, "1273", year=2009)
    a = make_provision(
        ley,
        "269A",
        "El que, sin autorización, acceda a un sistema informático será castigado.",
        heading="Acceso abusivo a un sistema informático",
    )
    c = make_provision(
        ley,
        "269C",
        "El que, sin orden judicial, intercepte datos informáticos será castigado.",
        heading="Interceptación de datos informáticos",
        order=1,
    )
    make_mapping(a, "2")
    make_mapping(c, "3")
    lei = make_law(br, "12737", language="pt", year=2012)
    b = make_provision(
        lei,
        "154-A",
        "Invadir dispositivo informático alheio sem autorização: pena de detenção.",
        heading="Invasão de dispositivo informático",
    )
    make_mapping(b, "2", extent="partial")
    usc = make_law(us, "1030", language="en", year=1986)
    u = make_provision(
        usc,
        "1030(a)(2)",
        "Whoever intentionally accesses a computer without authorization shall be punished.",
        heading="Obtaining information",
    )
    make_mapping(u, "2")
    code = make_law(ca, "c-46", language="fr", year=1985)
    f = make_provision(
        code,
        "184",
        "Est coupable d'une infraction quiconque intercepte volontairement une communication privée.",
        heading="Interception illégale",
    )
    make_mapping(f, "3", reviewed=False)
    draft = make_law(co, "9999", live=False)
    make_provision(
        draft, "1", "Borrador: acceso ilícito a sistemas, texto aún no publicado.", heading="Acceso ilícito"
    )
    return {"269A": a, "269C": c, "154-A": b, "1030": u, "184": f, "ley": ley, "draft": draft}


def _hits(client, path):
    page = client.get(path)
    assert page.status_code == 200
    return {p.pk for p in page.context["page"].object_list} if page.context["page"] else set()


def test_searching_in_spanish_and_english_finds_the_same_interception_provisions(client, corpus):
    spanish = _hits(client, "/es/search/?q=interceptación+ilícita")
    english = _hits(client, "/en/search/?q=illegal+interception")

    assert spanish == english == {corpus["269C"].pk, corpus["184"].pk}


def test_illegal_access_finds_spanish_and_portuguese_provisions(client, corpus):
    hits = _hits(client, "/en/search/?q=illegal+access")

    assert {corpus["269A"].pk, corpus["154-A"].pk, corpus["1030"].pk} <= hits
    assert corpus["269C"].pk not in hits


def test_search_shows_highlighted_snippets_and_filters(client, corpus):
    page = client.get("/pt/search/?q=invasão+de+dispositivo+informático")
    html = page.content.decode()
    assert "<mark>" in html and 'lang="pt"' in html

    hits = _hits(client, "/en/search/?q=illegal+access&state=BR")
    assert hits == {corpus["154-A"].pk}
    assert _hits(client, "/en/search/?q=illegal+access&year=1986") == {corpus["1030"].pk}


def test_search_never_shows_drafts_to_the_public(client, corpus):
    assert not Provision.objects.filter(
        law=corpus["draft"], pk__in=_hits(client, "/es/search/?q=borrador")
    ).exists()
    focal = make_user("focal_point", corpus["draft"].state)
    client.force_login(focal)
    assert Provision.objects.filter(
        law=corpus["draft"], pk__in=_hits(client, "/es/search/?q=borrador")
    ).exists()


def test_search_paginates(client, corpus):
    law = corpus["ley"]
    for i in range(25):
        make_provision(law, f"{300 + i}", f"Disposición repetida número {i} sobre telemática.", order=10 + i)

    first = client.get("/es/search/?q=telemática")
    second = client.get("/es/search/?q=telemática&page=2")

    assert first.context["page"].paginator.count == 25
    assert len(first.context["page"].object_list) == 20 and len(second.context["page"].object_list) == 5


def test_matrix_cell_links_to_the_provision(client, corpus):
    page = client.get("/en/laws/matrix/?instrument=cets-185")
    html = page.content.decode()

    assert page.status_code == 200
    rows = dict(page.context["matrix"].rows)
    co = corpus["ley"].state
    statuses = [cell.status for cell in rows[co]]
    assert statuses[:2] == ["full", "full"]  # articles 2 and 3
    assert statuses[2] == "none"  # Colombia's laws were reviewed; nothing maps to article 4
    br = corpus["154-A"].law.state
    assert [c.status for c in rows[br]][:2] == ["partial", "none"]
    ca = corpus["184"].law.state
    assert [c.status for c in rows[ca]][1] == "not_reviewed"
    assert corpus["269C"].get_absolute_url() in html
    detail = client.get(corpus["269C"].get_absolute_url().split("#")[0])
    assert "Interceptación de datos informáticos" in detail.content.decode()


def test_matrix_filters_by_category_and_reports_bad_values(client, corpus):
    page = client.get("/en/laws/matrix/?instrument=cets-185&category=procedural")
    assert [a.number for a in page.context["matrix"].articles] == ["16"]

    page = client.get("/en/laws/matrix/?instrument=nope&category=bogus")
    assert page.status_code == 200
    assert len(page.context["errors"]) == 2


def test_matrix_runs_the_same_number_of_queries_whatever_its_size(client):
    make_budapest()

    def populate(codes):
        for code in codes:
            state = make_state(code)
            law = make_law(state, "1")
            for n, number in enumerate(["2", "3", "4"]):
                make_mapping(make_provision(law, number, "Texto.", order=n), number)

    populate(["AR", "CL"])
    with CaptureQueriesContext(connection) as small:
        client.get("/en/laws/matrix/?instrument=cets-185")
    populate(["PE", "PY", "MX", "DO", "CR", "UY"])
    with CaptureQueriesContext(connection) as large:
        page = client.get("/en/laws/matrix/?instrument=cets-185")

    assert len(page.context["matrix"].rows) == 8
    assert len(large.captured_queries) == len(small.captured_queries)


def test_matrix_downloads(client, corpus):
    csv = client.get("/en/laws/matrix/?instrument=cets-185&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "CO,cets-185,3,Illegal interception,substantive,full,Ley 1273 Art. 269C" in csv.content.decode()
    data = client.get("/en/laws/matrix/?instrument=cets-185&format=json").json()
    assert {"state": "BR", "article": "2", "status": "partial"}.items() <= next(
        r for r in data if r["state"] == "BR" and r["article"] == "2"
    ).items()


def test_gap_report_lists_missing_articles_with_peer_examples(client, corpus):
    page = client.get("/en/laws/state/br/gaps/?instrument=cets-185")

    gaps = {g.article.number: g for g in page.context["gaps"]}
    assert set(gaps) == {"2", "3", "4", "5", "16"}  # Art. 2 is only partial in Brazil
    peers = {m.provision.law.state.code for m in gaps["2"].examples}
    assert peers == {"CO", "US"}
    assert [m.provision for m in gaps["3"].examples] == [corpus["269C"]]  # Canada's mapping is unreviewed
    assert "Acceso abusivo a un sistema informático" in page.content.decode()


def test_law_page_as_in_force_on_a_date(client, corpus):
    law = corpus["ley"]
    make_provision(law, "269A", "Texto original.", order=0, valid_to="2015-01-01")
    corpus["269A"].valid_from = "2015-01-01"
    corpus["269A"].save()

    old = client.get(f"/en/laws/{law.pk}/?on=2010-06-01").content.decode()
    now = client.get(f"/en/laws/{law.pk}/").content.decode()
    bad = client.get(f"/en/laws/{law.pk}/?on=yesterday")

    assert "Texto original." in old and "acceda a un sistema" not in old
    assert "acceda a un sistema" in now and "Texto original." not in now
    assert "is not a date in the form YYYY-MM-DD" in bad.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("enacted", "published", "in force since")),
        ("es", ("promulgada", "publicada", "vigente desde")),
        ("pt", ("promulgada", "publicada", "em vigor desde")),
        ("fr", ("promulguée", "publiée", "en vigueur depuis")),
    ],
)
def test_law_page_shows_its_enactment_publication_and_commencement_dates(client, language, words):
    law = make_law(
        make_state("DO"),
        "107-13",
        year=2013,
        enacted_on=datetime.date(2013, 8, 6),
        published_on=datetime.date(2013, 8, 8),
        in_force_on=datetime.date(2015, 2, 8),
        gazette_reference="G. O. No. 10722",
    )
    html = client.get(f"/{language}" + law.get_absolute_url().removeprefix("/en")).content.decode()

    dates = re.search(r'<dd class="law-dates">(.*?)</dd>', html).group(1)
    assert re.findall(r'<time datetime="([\d-]+)">', dates) == ["2013-08-06", "2013-08-08", "2015-02-08"]
    assert all(word in dates for word in words) and "G. O. No. 10722" in dates


def test_law_page_without_dates_shows_none(client, corpus):
    assert "law-dates" not in client.get(corpus["ley"].get_absolute_url()).content.decode()


def test_article_page_lists_every_states_provisions(client, corpus):
    page = client.get("/fr/laws/article/cets-185/2/")

    states = [state.code for state, _m in page.context["implementations"]]
    assert sorted(states) == ["BR", "CO", "US"]


def test_compare_shows_chosen_visible_provisions_only(client, corpus):
    draft_provision = corpus["draft"].provisions.get()
    ids = [corpus["269A"].pk, corpus["154-A"].pk, draft_provision.pk]

    page = client.get("/en/laws/compare/?" + "&".join(f"p={i}" for i in ids))

    assert page.context["provisions"] == [corpus["269A"], corpus["154-A"]]


def test_laws_by_state_and_profile_section_hide_drafts(client, corpus):
    listing = client.get("/en/laws/state/co/").content.decode()
    profile = client.get("/en/states/co/").content.decode()

    assert "Ley 1273" in listing and "Ley 9999" not in listing
    assert "Ley 1273" in profile and "Ley 9999" not in profile
    assert client.get("/en/laws/state/zz/").status_code == 404
    assert client.get(f"/en/laws/{corpus['draft'].pk}/").status_code == 404


def test_law_exports_from_the_page(client, corpus):
    law = corpus["ley"]
    akn = client.get(f"/en/laws/{law.pk}/export.akn")
    assert akn["Content-Type"].startswith("application/akn+xml")
    assert b'<FRBRuri value="/akn/co/act/2020/1273"/>' in akn.content
    assert client.get(f"/en/laws/{law.pk}/export.csv").status_code == 200
    assert client.get(f"/en/laws/{law.pk}/export.exe").status_code == 404


def _docx(lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    out.name = "ley.docx"
    return out


def _identity(preview) -> dict:
    """The identity fields as the preview's form shows them, which the browser posts back."""
    return {name: value for name, value in preview.context["form"].initial.items() if value is not None}


def test_import_preview_lets_the_editor_correct_identity_and_confirm_low_confidence(client):
    co = make_state("CO")
    client.force_login(make_user("secretariat", None))
    # Article 3 is missing: the numbering gap lowers the structure confidence under the threshold.
    upload = _docx(
        [
            "Por la cual se dictan normas de prueba",
            "Artículo 1. Objeto. Esta ley tiene por objeto proteger los datos.",
            "Artículo 2. Definiciones. Para los efectos de esta ley se entiende por dato toda información.",
            "Artículo 5. Vigencia. Esta ley rige desde su publicación.",
        ]
    )
    confirm = client.post("/en/laws/import/", {"file": upload, "state": co.pk})["Location"]
    preview = client.get(confirm)
    html = preview.content.decode()
    assert preview.context["needs_confirmation"] and "Structure confidence" in html
    assert preview.context["form"].initial["year"] is None  # not found: asked for, never guessed

    corrected = {
        **_identity(preview),
        "title": "Ley 9999 de 2020, de prueba",
        "number": "9999",
        "year": "2020",
        "enacted": "2020-03-02",
        "published": "2020-03-05",
    }
    refused = client.post(confirm, corrected)
    assert refused.status_code == 200 and Law.objects.count() == 0  # the confirmation box is required
    client.post(confirm, {**corrected, "confirm": "on"})

    law = Law.objects.get()
    assert (law.title, law.year, law.frbr_uri) == (
        "Ley 9999 de 2020, de prueba",
        2020,
        "/akn/co/act/2020/9999",
    )
    assert (law.enacted_on, law.published_on) == (datetime.date(2020, 3, 2), datetime.date(2020, 3, 5))


def test_import_docx_preview_confirm_then_searchable(client):
    make_thesaurus()
    co = make_state("CO")
    client.force_login(make_user("secretariat", None))
    upload = _docx(
        [
            "Ley 2345 de 2024",
            "Por la cual se tipifica el acceso abusivo a un sistema informático",
            "Artículo 1. Acceso abusivo a un sistema informático. El que sin autorización acceda a un sistema será castigado.",
            "Artículo 2. Vigencia. Esta ley rige desde su publicación.",
        ]
    )

    response = client.post("/en/laws/import/", {"file": upload, "state": co.pk})
    assert response.status_code == 302 and re.search(r"/en/laws/import/[\w-]{40,}/$", response["Location"])
    assert "laws-import" not in client.session  # the parsed law stays on the server, under a token
    confirm = response["Location"]
    preview = client.get(confirm)
    html = preview.content.decode()
    assert "Acceso abusivo a un sistema informático" in html and Law.objects.count() == 0
    [suggestion] = preview.context["form"].suggestions
    assert suggestion.article.number == "2" and suggestion.number == "1"

    done = client.post(confirm, {**_identity(preview), "map_0": "full", "publish": "on"})

    law = Law.objects.get(identifier="Ley 2345 de 2024")
    assert done.status_code == 302 and done["Location"] == law.get_absolute_url()
    assert law.live and law.provisions.count() == 2
    mapping = ProvisionMapping.objects.get()
    assert mapping.provision.number == "1" and mapping.article.number == "2" and mapping.reviewed_at
    assert mapping.provision.pk in _hits(client, "/en/search/?q=illegal+access")


def test_import_akoma_ntoso_upload(client):
    cl = make_state("CL")
    client.force_login(make_user("secretariat", None))
    with open(__file__.replace("test_views.py", "files/acto_akn.xml"), "rb") as f:
        confirm = client.post("/en/laws/import/", {"file": f, "state": cl.pk})["Location"]

    preview = client.get(confirm)
    assert "Interceptación ilícita" in preview.content.decode()
    client.post(confirm, _identity(preview))

    law = Law.objects.get(frbr_uri="/akn/cl/act/2022/21459")
    assert not law.live and law.provisions.count() == 4


def test_corrupt_upload_shows_the_error_and_saves_nothing(client):
    co = make_state("CO")
    client.force_login(make_user("focal_point", co))
    broken = io.BytesIO(b"PK\x03\x04 truncated")
    broken.name = "ley.docx"

    page = client.post("/en/laws/import/", {"file": broken, "state": co.pk})

    assert page.status_code == 200
    assert "ley.docx: the file is not a valid Word document" in page.content.decode()
    assert Law.objects.count() == 0 and not ImportJob.objects.exists()


def test_focal_point_imports_only_for_their_own_state(client):
    co, ar = make_state("CO"), make_state("AR")
    client.force_login(make_user("focal_point", co))
    upload = io.BytesIO("Ley 1\nArtículo 1. Texto de prueba.".encode())
    upload.name = "ley.txt"

    page = client.post("/en/laws/import/", {"file": upload, "state": ar.pk})

    assert page.status_code == 200 and "state" in page.context["form"].errors
    assert Law.objects.count() == 0


def test_experts_and_visitors_cannot_import(client):
    ar = make_state("AR")
    assert client.get("/en/laws/import/").status_code == 302  # to the sign-in page
    client.force_login(make_user("expert", ar))
    assert client.get("/en/laws/import/").status_code == 403


def test_import_errors_are_in_the_users_language(client):
    co = make_state("CO")
    client.force_login(make_user("focal_point", co))
    broken = io.BytesIO(b"PK\x03\x04 truncated")
    broken.name = "ley.docx"

    page = client.post("/es/laws/import/", {"file": broken, "state": co.pk})

    assert "ley.docx: el archivo no es un documento de Word válido" in page.content.decode()


def test_a_focal_point_submits_an_imported_law_to_the_secretariat_from_the_confirmation(client):
    """Issue 14: the import confirmation offers "submit" itself; nothing hides under the admin's menus."""
    from wagtail.models import WorkflowState

    from cyberportal.laws.services import moderation_workflow_ensure

    moderation_workflow_ensure()
    co = make_state("CO")
    client.force_login(make_user("focal_point", co))
    upload = io.BytesIO("Ley 1273 de 2009\nArtículo 1. Acceso abusivo a un sistema informático.".encode())
    upload.name = "ley.txt"
    confirm = client.post("/es/laws/import/", {"file": upload, "state": co.pk})["Location"]
    preview = client.get(confirm)
    assert "Guardar y enviar a la Secretaría" in preview.content.decode()

    identity = _identity(preview) | {"title": "Ley de delitos informáticos"}
    response = client.post(confirm, identity | {"confirm": "on", "submit": "1"})

    assert response.status_code == 302, response.context["form"].errors
    law = Law.objects.get()
    assert not law.live
    assert law.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
