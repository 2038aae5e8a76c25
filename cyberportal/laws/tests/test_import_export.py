"""import_law and export_law: the commands, atomic saves, amendments, and the Akoma Ntoso round trip."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cyberportal.laws import services
from cyberportal.laws.exporters import law_to_akn
from cyberportal.laws.importers import parse_upload
from cyberportal.laws.models import Law, Provision
from cyberportal.testing import make_state

from .helpers import make_law, make_provision

FILES = Path(__file__).parent / "files"
pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_what_it_parsed_and_saves_nothing():
    make_state("CO")

    out, err = _run("import_law", str(FILES / "ley_1273_2009.txt"), "--state", "CO", "--dry-run")

    assert "3 provisions, articles 1, 2, 3" in out
    assert "inserts into Código Penal: articles 269A, 269B, 269C" in out
    assert "nothing saved" in err
    assert Law.objects.count() == 0 and Provision.objects.count() == 0


def test_json_output_has_title_language_identifier_and_provisions():
    make_state("CO")

    out, _err = _run("import_law", str(FILES / "ley_1273_2009.txt"), "--state", "CO", "--dry-run", "--json")
    data = json.loads(out)

    assert data["identifier"] == "LEY 1273 DE 2009" and data["language"] == "es"
    assert data["title"].startswith("Por medio de la cual se modifica el Código Penal")
    assert {"number", "heading", "text", "parent"} <= set(data["provisions"][0])
    inserted = data["amendments"][0]["provisions"]
    assert inserted[1] == {
        "kind": "article",
        "number": "269A",
        "heading": "Acceso abusivo a un sistema informático",
        "text": inserted[1]["text"],
        "parent": "chapter I",
    }


def test_import_saves_the_law_and_the_articles_it_inserts_into_the_code():
    make_state("CO")

    _run("import_law", str(FILES / "ley_1273_2009.txt"), "--state", "CO")

    law = Law.objects.get(frbr_uri="/akn/co/act/2009/1273")
    assert not law.live  # a draft until the Secretariat publishes it
    assert list(law.provisions.values_list("number", flat=True)) == ["1", "2", "3"]
    code = Law.objects.get(identifier="Código Penal", state__code="CO")
    inserted = code.provisions.filter(kind="article")
    # Article 58 carries numeral 17, which article 2 of the law adds to it (issue 13: not the law's own).
    assert list(inserted.values_list("number", flat=True)) == ["269A", "269B", "269C", "58"]
    assert all(p.source_law_id == law.pk for p in inserted)
    assert inserted.get(number="269A").parent.kind == "chapter"


def test_an_amendment_keeps_the_older_wording_with_an_end_date():
    state = make_state("CO")
    code = make_law(state, "codigo", identifier="Código Penal", law_type="code")
    old = make_provision(code, "269A", "Texto anterior.")
    text = "Ley 2000 de 2021\nArtículo 1. Modifíquese el Código Penal así:\nArtículo 269A. Acceso. Texto nuevo.\nArtículo 2. Vigencia.\n"
    parsed = parse_upload("ley.txt", text.encode())

    amending = services.law_import(parsed=parsed, options=services.ImportOptions(state=state))

    old.refresh_from_db()
    assert str(old.valid_to) == "2021-01-01"  # the year of the amending law, the only date it gives
    new = code.provisions.get(number="269A", valid_to__isnull=True)
    assert new.text == "Texto nuevo." and new.source_law == amending and str(new.valid_from) == "2021-01-01"
    assert list(code.provisions.in_force_on(datetime.date(2020, 6, 1))) == [old]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("corrupt.docx", b"PK\x03\x04broken", "corrupt.docx: the file is not a valid Word document"),
        ("corrupt.pdf", b"%PDF-1.7 broken", "corrupt.pdf: the file is damaged or not a PDF"),
        ("law.odt", b"whatever", "unsupported file type"),
        ("notes.txt", b"just some notes\nnothing else", "no article heading found"),
    ],
)
def test_bad_files_exit_non_zero_and_save_nothing(tmp_path, filename, content, message):
    make_state("CO")
    path = tmp_path / filename
    path.write_bytes(content)

    with pytest.raises(CommandError) as error:
        _run("import_law", str(path), "--state", "CO")

    assert filename in str(error.value) and message in str(error.value)
    assert Law.objects.count() == 0


def test_unknown_state_is_refused():
    with pytest.raises(CommandError, match="Unknown state “ZZ”"):
        _run("import_law", str(FILES / "ley_1273_2009.txt"), "--state", "ZZ")
    assert Law.objects.count() == 0


def test_a_duplicate_work_uri_saves_nothing():
    state = make_state("CL")
    _run("import_law", str(FILES / "acto_akn.xml"), "--state", "CL")

    with pytest.raises(CommandError, match="already exists; nothing was saved"):
        _run("import_law", str(FILES / "acto_akn.xml"), "--state", "CL")
    assert Law.objects.filter(state=state).count() == 1


def test_akoma_ntoso_import_keeps_the_hierarchy():
    make_state("CL")

    _run("import_law", str(FILES / "acto_akn.xml"), "--state", "CL")

    law = Law.objects.get(frbr_uri="/akn/cl/act/2022/21459")
    assert law.identifier == "Ley 21.459" and law.language == "es" and law.year == 2022
    rows = list(law.provisions.order_by("sort_order").values_list("kind", "number", "parent__number"))
    assert rows == [
        ("title", "I", None),
        ("article", "2", "I"),
        ("article", "3", "I"),
        ("paragraph", "1", "3"),
    ]


def _signature(law_or_parsed):
    """What must survive a round trip: each provision's kind, number, heading, text and parent."""
    if isinstance(law_or_parsed, Law):
        items = list(law_or_parsed.provisions.order_by("sort_order").select_related("parent"))
        return [(p.kind, p.number, p.heading, p.text, p.parent.number if p.parent else None) for p in items]
    items = law_or_parsed.provisions
    return [
        (
            p.kind,
            p.number,
            p.heading,
            p.text,
            items[p.parent_index].number if p.parent_index is not None else None,
        )
        for p in items
    ]


def test_export_to_akoma_ntoso_and_import_back_gives_the_same_provisions(tmp_path):
    state = make_state("CL")
    _run("import_law", str(FILES / "acto_akn.xml"), "--state", "CL")
    law = Law.objects.get(frbr_uri="/akn/cl/act/2022/21459")
    before = _signature(law)

    out, _err = _run("export_law", "/akn/cl/act/2022/21459", "--format", "akn")
    assert "<FRBRManifestation>" in out and 'eId="title_I__art_2"' in out
    law.delete()
    path = tmp_path / "export.xml"
    path.write_text(out, encoding="utf-8")
    _run("import_law", str(path), "--state", "CL")

    again = Law.objects.get(frbr_uri="/akn/cl/act/2022/21459", state=state)
    assert _signature(again) == before
    assert (
        again.identifier == "Ley 21.459"
        and again.title == "Establece normas sobre delitos informáticos (ejemplo)"
    )


def test_round_trip_of_a_law_with_multi_line_articles():
    state = make_state("BR")
    law = make_law(state, "12737", language="pt")
    make_provision(
        law, "154-A", "Invadir dispositivo.\nPena: detenção.", heading="Invasão de dispositivo informático"
    )
    make_provision(law, "154-B", "Somente se procede mediante representação.", order=1)

    parsed = parse_upload("x.xml", law_to_akn(law).encode())

    assert _signature(parsed) == _signature(law)
    assert parsed.language == "pt"


def test_export_json_and_csv():
    state = make_state("AR")
    law = make_law(state, "26388")
    make_provision(law, "153 bis", "El que accediere sin autorización.", heading="Acceso indebido")

    out, _ = _run("export_law", law.frbr_uri, "--format", "json")
    data = json.loads(out)
    assert data["identifier"] == "Ley 26388" and data["provisions"][0]["number"] == "153 bis"
    out, _ = _run("export_law", law.frbr_uri, "--format", "csv")
    assert out.splitlines()[0].startswith("\ufeffid,kind,number,heading,text")  # a BOM: Excel reads UTF-8
    assert "153 bis" in out

    with pytest.raises(CommandError, match="No law with the FRBR work URI"):
        _run("export_law", "/akn/ar/act/1900/1", "--format", "json")
