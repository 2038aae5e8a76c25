"""The importer's parser: article headings in four languages, structure, amendments, bad input."""

import io

import docx
import pytest
from pypdf import PdfWriter

from cyberportal.core.documents import detect_language
from cyberportal.laws.importers import ImportError_, parse_text, parse_upload


@pytest.mark.parametrize(
    ("line", "number", "heading"),
    [
        (
            "Artículo 269A: Acceso abusivo a un sistema informático. El que acceda sin autorización.",
            "269A",
            "Acceso abusivo a un sistema informático",
        ),
        (
            "Art. 154-A. Invadir dispositivo informático alheio, conectado ou não à rede, sem autorização.",
            "154-A",
            "",
        ),
        (
            "Section 3 Unauthorised access to computer material",
            "3",
            "Unauthorised access to computer material",
        ),
        ("Article 5 – Atteinte à l'intégrité du système", "5", "Atteinte à l'intégrité du système"),
        (
            "ARTÍCULO 2°.- Fraude informático. El que manipule un sistema será castigado.",
            "2",
            "Fraude informático",
        ),
        (
            "Art. 2.- El que accediere a un dato informático de acceso restringido sin autorización será reprimido con prisión.",
            "2",
            "",
        ),
        ("Art. 211 bis 1.- Al que sin autorización modifique información será castigado.", "211 bis 1", ""),
        ("Section 342.1 Unauthorized use of computer", "342.1", "Unauthorized use of computer"),
        # Dominican Gaceta Oficial, Ley 107-13: a stray full stop after the label.
        (
            "Artículo. 58. Legitimación activa y pasiva.  La reclamación de indemnización podrá ser formulada.",
            "58",
            "Legitimación activa y pasiva",
        ),
    ],
)
def test_article_headings_of_the_region(line, number, heading):
    law = parse_text(f"Ley de prueba\n{line}\n")

    assert [p.number for p in law.provisions] == [number]
    assert law.provisions[0].heading == heading


def test_a_sentence_ending_in_articulo_is_not_an_article():
    law = parse_text(
        "Ley de prueba\n"
        "Artículo 1. Objeto. Lo dispuesto en el presente\n"
        "artículo. 2. Las personas podrán reclamar.\n"
    )

    assert [p.number for p in law.provisions if p.kind == "article"] == ["1"]


def test_front_matter_chapters_and_paragraphs():
    text = (
        "LEY N° 30096\n"
        "LEY DE DELITOS INFORMÁTICOS\n"
        "EL PRESIDENTE DE LA REPÚBLICA POR CUANTO:\n"
        "CAPÍTULO I\n"
        "FINALIDAD Y OBJETO DE LA LEY\n"
        "Artículo 1. Objeto de la Ley\n"
        "La presente ley tiene por objeto prevenir y sancionar las conductas ilícitas que afectan los sistemas.\n"
        "CAPÍTULO II\n"
        "DELITOS CONTRA DATOS Y SISTEMAS INFORMÁTICOS\n"
        "Artículo 2. Acceso ilícito\n"
        "El que deliberada e ilegítimamente accede a todo o en parte de un sistema informático será reprimido.\n"
        "a) si el agente es funcionario público;\n"
        "b) si actúa con fines de lucro.\n"
    )
    law = parse_text(text)
    rows = law.as_json()["provisions"]

    assert law.identifier == "LEY N° 30096"
    assert law.year is None or law.year > 1900
    assert law.language == "es"
    assert [(r["kind"], r["number"]) for r in rows] == [
        ("chapter", "I"), ("article", "1"), ("chapter", "II"), ("article", "2"), ("paragraph", "a"), ("paragraph", "b"),
    ]  # fmt: skip
    assert rows[0]["heading"] == "FINALIDAD Y OBJETO DE LA LEY"
    assert rows[1]["parent"] == "chapter I"
    assert rows[3]["heading"] == "Acceso ilícito" and rows[3]["parent"] == "chapter II"
    assert rows[4]["parent"] == "article 2" and rows[4]["text"] == "si el agente es funcionario público;"


def test_amending_law_inserts_articles_into_the_code():
    with open(__file__.replace("test_parser.py", "files/ley_1273_2009.txt"), encoding="utf-8") as f:
        law = parse_text(f.read())

    assert law.identifier == "LEY 1273 DE 2009" and law.year == 2009
    assert law.numbers() == ["1", "2", "3"]
    amendment, numeral = law.amendments
    assert amendment.code_name == "Código Penal" and amendment.action == "insert"
    inserted = [p for p in amendment.provisions if p.kind == "article"]
    assert [p.number for p in inserted] == ["269A", "269B", "269C"]
    assert inserted[2].heading == "Interceptación de datos informáticos"
    # Article 2 adds numeral 17 to article 58 of the Penal Code: a wording of the code, not the law's own.
    assert (numeral.code_name, numeral.article) == ("Código Penal", "58")
    assert [(p.kind, p.number) for p in numeral.provisions] == [("article", "58"), ("paragraph", "17")]
    assert law.provisions[-2].text == "Adiciónese al artículo 58 del Código Penal con un numeral 17, así:"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El que acceda sin autorización a un sistema informático será castigado con pena de prisión.", "es"),
        (
            "Invadir dispositivo informático alheio com o fim de obter dados sem autorização: pena de reclusão.",
            "pt",
        ),
        ("Any person who without authority accesses a computer shall be guilty of an offence.", "en"),
        (
            "Le fait d'accéder frauduleusement à un système de traitement de données est puni de deux ans.",
            "fr",
        ),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


def _docx_bytes(paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_is_read_paragraph_by_paragraph():
    data = _docx_bytes(
        [
            "Lei nº 12.737, de 30 de novembro de 2012",
            "Art. 1º Esta Lei dispõe sobre delitos.",
            "Art. 2º Invadir dispositivo informático alheio: pena.",
        ]
    )

    law = parse_upload("lei.docx", data)

    assert law.numbers() == ["1", "2"] and law.language == "pt" and law.source_format == "docx"


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose content stream draws `text` with a standard font (a real text layer)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_text_layer_is_read():
    law = parse_upload(
        "act.pdf", _pdf_with_text("Article 5 Any person who accesses a computer shall be guilty.")
    )

    assert law.numbers() == ["5"] and law.source_format == "pdf"


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("law.rtf", b"{\\rtf1 Article 1}", "law.rtf: unsupported file type “.rtf”"),
        ("law.docx", b"PK\x03\x04 not really a zip", "law.docx: the file is not a valid Word document"),
        ("law.pdf", b"%PDF-1.4 garbage without objects", "law.pdf: the file is damaged or not a PDF"),
        ("scan.pdf", None, "scan.pdf: none of its 1 page(s) has a text layer"),
        ("law.txt", b"A text\nwith no heading\nat all", "TXT: no article heading found in 3 lines"),
        ("law.txt", b"", "law.txt: the file is empty"),
        ("law.xml", b"<akomaNtoso><act>", "XML: not well-formed at line 1"),
        ("law.xml", b"<html/>", "XML: the root element is <html> (line 1)"),
    ],
)
def test_bad_input_names_what_failed(name, data, message):
    with pytest.raises(ImportError_) as error:
        parse_upload(name, _blank_pdf() if data is None else data)

    assert message in str(error.value)
