"""Akoma Ntoso 3.0 in and out: published documents in, schema-valid exports, a lossless round trip.

The OASIS schema is vendored in laws/schema/ and validated with lxml without network access.
"""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from cyberportal.laws import services
from cyberportal.laws.exporters import law_to_akn
from cyberportal.laws.importers import ImportError_, parse_upload
from cyberportal.laws.models import Law, ProvisionMapping
from cyberportal.testing import make_state

from .helpers import article, make_budapest, make_law, make_provision

FILES = Path(__file__).parent / "files"
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    # no_network: every import of the schema must resolve to the vendored files.
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "akomantoso30.xsd"), parser))


def assert_valid(schema, xml: str) -> etree._Element:
    document = etree.fromstring(xml.encode())
    if not schema.validate(document):
        raise AssertionError("\n".join(str(e) for e in schema.error_log))
    eids = [e.get("eId") for e in document.iter() if e.get("eId")]
    assert len(eids) == len(set(eids)), "duplicate eIds"
    return document


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _parse(name: str):
    return parse_upload(name, (FILES / name).read_bytes())


# -- in ------------------------------------------------------------------------------------------


def test_laws_africa_style_act_keeps_sections_hierarchy_schedule_and_derives_the_work_uri():
    law = _parse("laws_africa_style_subpart.xml")

    by_kind = [(p.kind, p.number) for p in law.provisions]
    assert [n for k, n in by_kind if k == "article"] == ["1", "3", "5", "6", "7"]  # "1." without its dot
    assert ("subpart", "") in by_kind and ("part", "A") in by_kind and ("chapter", "2") in by_kind
    section_1 = next(p for p in law.provisions if p.kind == "article" and p.number == "1")
    assert law.provisions[section_1.parent_index].kind == "subpart"
    subsection = next(p for p in law.provisions if p.number == "(1)" and "Regular old" in p.text)
    assert "(i) subparagraph 1" in subsection.text.split("\n")
    schedule = next(p for p in law.provisions if p.kind == "schedule")
    assert schedule.heading == "Schedule – Laws Repealed"
    items = [p.text for p in law.provisions if p.parent_index == law.provisions.index(schedule)]
    assert items == ["This one", "That one", "This other one", "And, this one"]
    # "/za/act/1980/01" is not an /akn/ URI: kept, and ours derived from country, year and number.
    assert law.source_uri == "/za/act/1980/01" and law.frbr_uri == "/akn/za/act/1980/01"
    assert law.year == 1980 and law.dates == {"enacted": datetime.date(1980, 1, 1)}
    assert law.confidence == 1.0 and law.unplaced == []


def test_a_published_laws_africa_act_reads_its_sections_and_no_placeholder_date():
    law = _parse("tanzania_constitution_1977_excerpt_swa.xml")

    assert law.frbr_uri == "/akn/tz/act/1977/1" and law.year == 1977
    assert law.title == "Katiba ya Jamhuri ya Muungano wa Tanzania, ya Mwaka" and law.language == "swa"
    assert law.dates == {}  # FRBRdate gives only the year; <publication date="0001-01-01"> is a placeholder
    assert [(p.kind, p.number) for p in law.provisions][:3] == [
        ("chapter", "Kwanza"), ("part", "Kwanza"), ("article", "1"),
    ]  # fmt: skip
    assert law.numbers() == ["1", "2", "3"]
    assert (
        law.provisions[0].text
        == "JAMHURI YA MUUNGANO, VYAMA VYA SIASA, WATU NA SIASA YA UJAMAA NA KUJITEGEMEA"
    )
    assert [p.number for p in law.provisions if p.kind == "paragraph"] == ["(1)", "(2)", "(1)", "(2)"]
    assert law.confidence == 1.0


ELI_ACT = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta><identification source="#t">
      <FRBRWork><FRBRthis value="http://data.europa.eu/eli/reg/2016/679/oj"/>
        <FRBRuri value="http://data.europa.eu/eli/reg/2016/679/oj"/>
        <FRBRdate date="2016-04-27" name="signature"/><FRBRauthor href="#eu"/><FRBRcountry value="eu"/>
        <FRBRnumber value="679"/><FRBRname value="Regulation (EU) 2016/679"/></FRBRWork>
      <FRBRExpression><FRBRthis value="x"/><FRBRuri value="x"/><FRBRdate date="2016-04-27" name="x"/>
        <FRBRauthor href="#eu"/><FRBRlanguage language="eng"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="x"/><FRBRuri value="x"/><FRBRdate date="2016-04-27" name="x"/>
        <FRBRauthor href="#eu"/></FRBRManifestation>
    </identification></meta>
    <body>
      <article eId="art_1"><num>Article 1</num><heading>Subject-matter</heading>
        <content><p>This Regulation lays down rules<authorialNote marker="1" placement="bottom" eId="n1"><p>OJ L 119.</p></authorialNote> relating to the protection of natural persons.</p></content>
      </article>
      <p>Done at Brussels.</p>
    </body>
  </act>
</akomaNtoso>"""


def test_eli_work_uri_is_kept_notes_stay_out_of_the_sentence_and_stray_text_is_reported():
    law = parse_upload("gdpr.xml", ELI_ACT.encode())

    assert law.source_uri == "http://data.europa.eu/eli/reg/2016/679/oj"
    assert law.frbr_uri == "/akn/eu/act/2016/679"
    assert law.dates == {"enacted": datetime.date(2016, 4, 27)}
    first = law.provisions[0]
    assert first.number == "1" and first.heading == "Subject-matter"
    assert first.text == "This Regulation lays down rules relating to the protection of natural persons."
    assert first.notes == ["OJ L 119."]
    assert law.unplaced == [{"line": 18, "text": "Done at Brussels."}]
    assert 0 < law.confidence < 1


@pytest.mark.parametrize("namespace", ["http://www.akomantoso.org/2.0", "http://www.akomantoso.org/1.0"])
def test_earlier_akoma_ntoso_versions_are_refused_naming_the_namespace(namespace):
    xml = f'<akomaNtoso xmlns="{namespace}"><act><body/></act></akomaNtoso>'

    with pytest.raises(ImportError_, match=namespace.replace(".", r"\.")):
        parse_upload("old.xml", xml.encode())


def test_justice_canada_bill_xml_is_read_with_its_amendments_kept_apart():
    law = _parse("canada_2001_c10_patent_e.xml")

    assert law.title == "An Act to amend the Patent Act" and law.identifier == "S.C. 2001, c. 10"
    assert law.frbr_uri == "/akn/ca/act/2001/10" and law.year == 2001
    assert law.dates == {"enacted": datetime.date(2001, 6, 14)}  # royal assent
    assert law.numbers() == ["1", "2", "3", "4", "5"]
    assert [p.heading for p in law.provisions if p.kind == "part"] == ["PATENT ACT", "COMING INTO FORCE"]
    # Section 45 of the Patent Act is the amended act's text, not a section of this act.
    first = law.amendments[0]
    assert first.code_name == "Patent Act" and first.action == "replace"
    assert [(p.number, p.heading) for p in first.provisions] == [
        ("45", "Term of patents based on applications filed before October 1, 1989")
    ]
    assert "seventeen years" not in law.provisions[1].text
    assert [n for a in law.amendments for n in (p.number for p in a.provisions)] == [
        # A replaced subsection is numbered as the amended act cites it ("Subsection 55.2(4) … is replaced").
        "45", "55.2(4)", "78.1", "78.2", "78.4", "78.5",
    ]  # fmt: skip
    assert law.confidence == 1.0


def test_justice_canada_consolidated_statute_keeps_historical_notes_apart_and_invents_no_year():
    law = _parse("canada_b-5_bills_of_lading_e.xml")

    assert law.title == "Bills of Lading Act" and law.identifier == "B-5" and law.law_type == "act"
    assert law.numbers() == ["1", "2", "3", "4"]
    first = law.provisions[0]
    assert (
        first.heading == "Short title" and first.text == "This Act may be cited as the Bills of Lading Act."
    )
    assert first.notes == ["R.S., c. B-6, s. 1"]
    # A consolidation (R.S.C. 1985) states no year of the act: it stays unknown and the editor is asked.
    assert law.year is None and law.dates == {} and law.frbr_uri == ""
    assert law.warnings


def test_import_law_json_keeps_its_keys_and_adds_year_dates_unplaced_confidence():
    make_state("CA")

    out, _err = _run(
        "import_law", str(FILES / "canada_2001_c10_patent_f.xml"), "--state", "CA", "--dry-run", "--json"
    )
    data = json.loads(out)

    assert {"title", "language", "identifier", "provisions"} <= set(data)
    assert data["language"] == "fr" and data["identifier"] == "L.C. 2001, ch. 10"
    assert {"number", "heading", "text"} <= set(data["provisions"][1])
    assert data["year"] == 2001 and data["dates"] == {"enacted": "2001-06-14"}
    assert data["unplaced"] == [] and data["confidence"] == 1.0


# -- out -----------------------------------------------------------------------------------------


def test_every_kind_of_export_validates_against_the_oasis_schema(schema):
    state = make_state("JM")
    law = make_law(state, "7", language="en", enacted_on=datetime.date(2015, 3, 2), law_type="act")
    part = make_provision(law, "1", "", kind="part", heading="Preliminary", order=0)
    section = make_provision(law, "2", "A person who accesses.\nSecond line.", parent=part, order=1)
    make_provision(law, "(1)", "Sub.", kind="paragraph", parent=section, order=2, notes="A footnote.")
    make_provision(law, "3", "", order=3)  # an empty article still has a content block
    make_provision(law, "1", "Form A.", kind="schedule", heading="Schedule", order=4)

    document = assert_valid(schema, law_to_akn(law))

    assert document.find(f".//{AKN}attachments/{AKN}attachment/{AKN}doc") is not None
    note = document.find(f".//{AKN}authorialNote")
    assert note.getparent().text == "Sub."  # after the text, not inside it


def test_a_law_without_any_known_date_exports_no_invented_date(schema):
    law = make_law(make_state("PE"), "30096", language="es", year=None)
    make_provision(law, "1", "Objeto.")

    document = assert_valid(schema, law_to_akn(law))

    work_date = document.find(f".//{AKN}FRBRWork/{AKN}FRBRdate")
    assert work_date.get("name") == "exported-no-known-date"
    assert "1900" not in etree.tostring(document).decode()
    again = parse_upload("x.xml", etree.tostring(document))
    assert again.dates == {} and again.year == 2020  # from the work URI, not from a date


@pytest.fixture
def rich_law():
    """A bilingual law with an earlier wording, dates, a status and reviewed and unreviewed mappings."""
    make_budapest()
    state = make_state("CA")
    law = make_law(
        state,
        "46",
        language="en",
        law_type="code",
        status="in_force",
        year=1985,
        enacted_on=datetime.date(1985, 1, 1),
        published_on=datetime.date(1985, 2, 4),
        in_force_on=datetime.date(1985, 12, 12),
        title_en="Criminal Code",
        source_uri="http://example.org/eli/ca/1985/46",
    )
    en_old = make_provision(
        law, "342.1", "Old wording.", order=1, valid_to=datetime.date(2015, 3, 10), notes="Repealed text."
    )
    en = make_provision(
        law, "342.1", "Unauthorized use of computer.", order=2, valid_from=datetime.date(2015, 3, 10)
    )
    fr = make_provision(law, "342.1", "Utilisation non autorisée d’ordinateur.", order=3)
    fr.language = "fr"
    fr.save()
    reviewed_at = timezone.now().replace(microsecond=0)
    ProvisionMapping.objects.create(
        provision=en, article=article("2"), extent="partial", reviewed_at=reviewed_at
    )
    ProvisionMapping.objects.create(provision=fr, article=article("2"), note="À vérifier")
    ProvisionMapping.objects.create(provision=en_old, article=article("3"), reviewed_at=reviewed_at)
    return law


def _snapshot(law: Law) -> dict:
    provisions = list(law.provisions.order_by("sort_order"))
    return {
        "law": (
            law.title, law.identifier, law.law_type, law.status, law.year, law.language, law.enacted_on,
            law.published_on, law.in_force_on, law.repealed_on, law.title_en, law.source_uri,
        ),
        "provisions": [
            (p.kind, p.number, p.text, p.language, p.valid_from, p.valid_to, p.notes) for p in provisions
        ],
        "mappings": sorted(
            (
                (m.provision.number, m.provision.language, m.provision.valid_to, m.article.number, m.extent,
                 m.note, m.reviewed_at)
                for m in ProvisionMapping.objects.filter(provision__law=law)
            ),
            key=str,
        ),
    }  # fmt: skip


def _stable(xml: str) -> list[str]:
    """The export without the manifestation's date (the day of the export)."""
    return [line for line in xml.splitlines() if 'name="transform"' not in line]


def test_bilingual_export_has_one_expression_per_language_with_unique_eids(schema, rich_law):
    document = assert_valid(schema, law_to_akn(rich_law))

    acts = document.findall(f"{AKN}documentCollection/{AKN}collectionBody/{AKN}component/{AKN}act")
    languages = [a.find(f".//{AKN}FRBRExpression/{AKN}FRBRlanguage").get("language") for a in acts]
    assert languages == ["eng", "fra"]
    # The earlier English wording carries its period; its lifecycle has the amendment date.
    old = acts[0].find(f".//{AKN}article[@eId='cmp_eng__art_3421__ver_2015-03-10']")
    assert old is not None and old.get("period")
    assert "2015-03-10" in [e.get("date") for e in acts[0].iter(f"{AKN}eventRef")]


def test_export_names_the_enactment_publication_and_commencement_dates(schema, rich_law):
    act = assert_valid(schema, law_to_akn(rich_law)).findall(f".//{AKN}act")[0]

    work_date = act.find(f".//{AKN}FRBRWork/{AKN}FRBRdate")
    assert (work_date.get("date"), work_date.get("name")) == ("1985-01-01", "enactment")
    assert act.find(f".//{AKN}publication").get("date") == "1985-02-04"
    events = {
        e.get("refersTo").split("__")[-1].lstrip("#"): e.get("date")
        for e in act.iter(f"{AKN}eventRef")
        if not e.get("refersTo").endswith("amendment")
    }
    assert events == {"enactment": "1985-01-01", "publication": "1985-02-04", "commencement": "1985-12-12"}
    names = {e.get("eId").split("__")[-1]: e.get("showAs") for e in act.iter(f"{AKN}TLCEvent")}
    assert {
        "enactment": "Enactment",
        "publication": "Publication",
        "commencement": "Commencement",
    }.items() <= (names.items())


def test_a_gazette_reference_without_its_date_is_not_read_back_as_a_publication_date(schema, rich_law):
    rich_law.published_on, rich_law.gazette_reference = None, "Canada Gazette Part III, vol. 8"
    rich_law.save()
    xml = law_to_akn(rich_law)
    assert_valid(schema, xml)

    parsed = parse_upload("law.xml", xml.encode())
    assert "published" not in parsed.dates and parsed.dates["enacted"] == datetime.date(1985, 1, 1)


def test_export_import_export_loses_nothing(schema, rich_law):
    before, uri = _snapshot(rich_law), rich_law.frbr_uri
    first = law_to_akn(rich_law)
    rich_law.delete()

    services.law_import(
        parsed=parse_upload("law.xml", first.encode()),
        options=services.ImportOptions(state=make_state("CA")),
    )
    again = Law.objects.get(frbr_uri=uri)

    assert _snapshot(again) == before
    second = law_to_akn(again)
    assert_valid(schema, second)
    assert _stable(second) == _stable(first)


def test_export_on_a_date_gives_the_wording_then_in_force_with_its_own_expression_date(schema, rich_law):
    out, _err = _run("export_law", rich_law.frbr_uri, "--format", "akn", "--on", "2010-06-01")
    document = assert_valid(schema, out)

    acts = document.findall(f".//{AKN}act")
    english = acts[0]
    texts = [
        "".join(a.find(f"{AKN}content").itertext()).split("Repealed")[0].strip()
        for a in english.iter(f"{AKN}article")
    ]
    assert texts == ["Old wording."]
    expression = english.find(f".//{AKN}FRBRExpression")
    assert expression.find(f"{AKN}FRBRdate").get("date") == "1985-12-12"  # the law's entry into force
    assert expression.find(f"{AKN}FRBRuri").get("value") == "/akn/ca/act/2020/46/eng@1985-12-12"

    now, _err = _run("export_law", rich_law.frbr_uri, "--format", "akn", "--on", "2020-01-01")
    current = etree.fromstring(now.encode()).findall(f".//{AKN}act")[0]
    assert current.find(f".//{AKN}FRBRExpression/{AKN}FRBRdate").get("date") == "2015-03-10"


def test_export_view_takes_on_and_refuses_a_bad_date(client, rich_law, schema):
    response = client.get(f"/en/laws/{rich_law.pk}/export.akn?on=2010-06-01")

    assert response.status_code == 200
    assert b"Old wording." in response.content and b"Unauthorized use" not in response.content
    assert client.get(f"/en/laws/{rich_law.pk}/export.akn?on=yesterday").status_code == 400


def test_imported_reviewed_mappings_are_not_marked_reviewed_for_an_editor_who_may_not_review(rich_law):
    from cyberportal.core.roles import Role
    from cyberportal.testing import make_user

    xml = law_to_akn(rich_law)
    state = rich_law.state
    rich_law.delete()
    focal = make_user(Role.FOCAL_POINT, state=state)

    services.law_import(
        parsed=parse_upload("law.xml", xml.encode()), options=services.ImportOptions(state=state, user=focal)
    )

    assert not ProvisionMapping.objects.filter(reviewed_at__isnull=False).exists()
    assert ProvisionMapping.objects.count() == 3


def test_uslm_public_law_reads_sections_without_the_printers_furniture():
    """GPO's USLM (a national schema): side notes and page breaks are not text; the approval line is end
    matter and gives the year."""
    path = Path(__file__).resolve().parent / "corpus" / "us-publ115-7" / "115publ7-uslm.xml"
    law = parse_upload(path.name, path.read_bytes())

    sections = [p for p in law.provisions if p.kind == "article"]
    assert [s.number for s in sections] == ["1", "2", "3", "4"]
    assert [p.number for p in law.provisions if p.parent_index == law.provisions.index(sections[1])] == [
        "(1)", "(2)", "(3)",
    ]  # fmt: skip
    assert not any("STAT." in p.text for p in law.provisions)
    assert sections[3].notes == ["Deadline."]
    assert law.end_matter.startswith("Approved February 28, 2017.")
    assert (law.year, law.frbr_uri) == (2017, "/akn/us/act/2017/115-7")
