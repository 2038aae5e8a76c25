"""The one document reader: each format read into numbered lines, metadata, notes and furniture."""

from __future__ import annotations

import docx
import pytest

from cyberportal.core.documents import DocumentError, detect_language, read_document
from cyberportal.core.documents.markdown import plain_text
from cyberportal.core.uploads import UploadRefused

from .documents_helpers import (
    add_numbering,
    docx_to_bytes,
    numbered_paragraph,
    pdf_pages,
    with_footnotes,
)

# --- Plain text: encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Artículo 1°.- Señálase".encode(), "Artículo 1°.- Señálase"),
        ("\ufeffArtículo 1°.- Señálase".encode(), "Artículo 1°.- Señálase"),
        ("Artículo 1º – “Señálase”".encode("cp1252"), "Artículo 1º – “Señálase”"),
        # 0x81 is undefined in cp1252: latin-1 still reads the rest of the file.
        (b"Art\xedculo 1\x81", "Artículo 1\x81"),
        ("Article 1er – Données".encode("utf-16"), "Article 1er – Données"),
    ],
)
def test_text_encodings_are_detected(data, expected):
    document = read_document("ley.txt", data)
    assert document.lines[0].text == expected and document.lines[0].line == 1


def test_binary_text_is_refused_with_the_file_named():
    with pytest.raises(DocumentError, match=r"^ley\.txt: the file contains binary data"):
        read_document("ley.txt", b"\x00\x01\x02binary")


# --- Markdown with YAML front matter ---------------------------------------------------------------------

MARKDOWN = """---
titulo: Ley de Delitos Informáticos
numero: "30096"
fecha: 2013-10-21
---

# LEY N° 30096

## CAPÍTULO I. **Finalidad y objeto de la ley**

**Artículo 1.** *Objeto de la Ley*

La presente Ley tiene por objeto prevenir y sancionar las conductas ilícitas que afectan los
sistemas y datos informáticos[^1], según el [Código Penal](https://example.org/cp) y la \\*Ley 27309\\*.

- a) primer literal;
- b) segundo literal.

| Delito | Pena |
|---|---|
| Acceso ilícito | 1 a 4 años |

[^1]: Texto según la Fe de Erratas publicada el 22 de octubre de 2013.
"""


def test_markdown_front_matter_becomes_metadata_and_markup_leaves_the_words():
    document = read_document("ley-30096.md", MARKDOWN.encode())
    text = document.text

    assert document.metadata["titulo"] == "Ley de Delitos Informáticos"
    assert document.metadata["numero"] == "30096"
    assert str(document.metadata["fecha"]) == "2013-10-21"
    assert "titulo:" not in text and "---" not in text
    for markup in ("**", "# ", "](", "[^1]", "|---"):
        assert markup not in text
    assert "LEY N° 30096" in text and "CAPÍTULO I. Finalidad y objeto de la ley" in text
    assert "Artículo 1. Objeto de la Ley" in text
    assert "sistemas y datos informáticos, según el Código Penal y la *Ley 27309*." in text
    assert "a) primer literal;" in text and "Acceso ilícito | 1 a 4 años" in text
    assert document.notes == ["[1] Texto según la Fe de Erratas publicada el 22 de octubre de 2013."]
    # Lines keep their numbers in the source file, front matter included.
    heading = next(line for line in document.lines if line.text == "LEY N° 30096")
    assert heading.line == 7 and text.split("\n")[6] == "LEY N° 30096"
    assert document.source_of(7) == heading
    assert document.language == "es"


def test_broken_front_matter_names_the_file_and_line():
    with pytest.raises(DocumentError, match=r"^ley\.md, line \d+: the YAML front matter cannot be read"):
        read_document("ley.md", b"---\ntitle: [unclosed\n---\n# Ley\n")
    with pytest.raises(DocumentError, match="never closed"):
        read_document("ley.md", b"---\ntitle: x\n# Ley\n")


def test_plain_text_cleans_markdown_stored_before_the_reader():
    assert plain_text("---\ntitle: Ley\n---\n**Artículo 1.** El que *acceda*") == "Artículo 1. El que acceda"
    assert plain_text("Pena de 2 a 4 años.") == "Pena de 2 a 4 años."


# --- Word -------------------------------------------------------------------------------------------------


def test_word_automatic_numbering_is_written_out_as_printed():
    word = docx.Document()
    items = add_numbering(
        word, 10, ("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1), ("lowerRoman", "%3)", 1)
    )
    titles = add_numbering(word, 11, ("upperRoman", "CHAPTER %1", 4))
    numbered_paragraph(word, "Scope", titles)
    numbered_paragraph(word, "That the States adopt legislation:", items)
    numbered_paragraph(word, "on access;", items, level=1)
    numbered_paragraph(word, "on interception;", items, level=1)
    numbered_paragraph(word, "including wireless;", items, level=2)
    numbered_paragraph(word, "That the States train judges.", items)
    numbered_paragraph(word, "on evidence.", items, level=1)
    word.add_paragraph("Not numbered.")
    table = word.add_table(rows=2, cols=2)
    for row, (left, right) in zip(table.rows, [("Offence", "Penalty"), ("Access", "2 years")], strict=True):
        row.cells[0].text, row.cells[1].text = left, right

    document = read_document("r.docx", docx_to_bytes(word))

    assert [line.text for line in document.lines] == [
        "CHAPTER IV Scope",
        "1. That the States adopt legislation:",
        "(a) on access;",
        "(b) on interception;",
        "i) including wireless;",
        "2. That the States train judges.",
        "(a) on evidence.",  # a deeper level restarts when a shallower one advances
        "Not numbered.",
        "Offence | Penalty",
        "Access | 2 years",
    ]


def test_word_footnotes_are_kept_as_notes_not_in_the_body():
    word = docx.Document()
    word.add_paragraph("Article 1. Any person who accesses a computer.")
    data = with_footnotes(docx_to_bytes(word), {1: "As amended by Act 12 of 2019."})

    document = read_document("act.docx", data)

    assert document.notes == ["[1] As amended by Act 12 of 2019."]
    assert "amended" not in document.text


def test_a_broken_word_file_is_refused_as_a_document_error():
    with pytest.raises(DocumentError, match=r"^act\.docx: the file is not a valid Word document"):
        read_document("act.docx", b"PK\x03\x04 truncated")


# --- PDF --------------------------------------------------------------------------------------------------


def test_pdf_running_headers_footers_and_page_numbers_are_furniture():
    pages = []
    for page in range(1, 4):
        body = [(72, f"{page}.\tA person commits an offence under section {page} if he")]
        words = ("access", "data", "system", "computer", "program", "network", "device", "service", "record")
        body += [
            (72, f"text of section {page} on {words[n]} in {('Belize', 'Guyana', 'Jamaica')[page - 1]};")
            for n in range(1, 9)
        ]
        pages.append(
            [(72, "OFFICIAL GAZETTE OF BELIZE No. 12"), (72, f"Computer Misuse Act, 2020 — {page}")]
            + body
            + [(300, f"Page {page} of 3")]
        )
    pages[1].insert(3, (100, "(b)\tany data held in it;"))
    pages[2][-1] = (300, "- 3 -")

    document = read_document("act.pdf", pdf_pages(pages))
    body = [line.text for line in document.lines if line.text]

    assert body[:3] == [
        "1. A person commits an offence under section 1 if he",
        "text of section 1 on data in Belize;",
        "text of section 1 on system in Belize;",
    ]
    assert (
        "(b) any data held in it;" in body and "3. A person commits an offence under section 3 if he" in body
    )
    assert len(body) == 3 * 9 + 1
    assert [line.text for line in document.furniture] == [
        "OFFICIAL GAZETTE OF BELIZE No. 12",
        "Computer Misuse Act, 2020 — 1",
        "Page 1 of 3",
        "OFFICIAL GAZETTE OF BELIZE No. 12",
        "Computer Misuse Act, 2020 — 2",
        "Page 2 of 3",
        "OFFICIAL GAZETTE OF BELIZE No. 12",
        "Computer Misuse Act, 2020 — 3",
        "- 3 -",
    ]
    assert [line.page for line in document.lines if line.text.startswith("3.")] == [3]
    # Pages are kept apart, so no importer glues the last line of a page to the first of the next.
    first_of_page_2 = next(i for i, line in enumerate(document.lines) if line.page == 2)
    assert document.lines[first_of_page_2].text == ""


def test_a_pdf_without_text_layer_is_refused_naming_the_file():
    with pytest.raises(DocumentError, match=r"^scan\.pdf: none of its 1 page\(s\) has a text layer"):
        read_document("scan.pdf", pdf_pages([[]]))


# --- HTML and XML -----------------------------------------------------------------------------------------

GAZETTE = """<!doctype html><html><head><title>Diario Oficial - Ley 21.459</title>
<style>p { color: red }</style><script>var tracker = 1;</script></head>
<body><nav><a href="/">Inicio</a> | <a href="/leyes">Leyes</a></nav>
<h1>LEY NÚM. 21.459</h1><p>Artículo 1.- Acceso ilícito. El que <b>sin autorización</b>
acceda a un sistema informático<br>será castigado.</p>
<ul><li>a) primero;</li><li>b) segundo.</li></ul>
<table><tr><td>Pena</td><td>Presidio menor</td></tr></table></body></html>"""


def test_gazette_html_drops_navigation_and_scripts_and_gives_a_line_per_block():
    document = read_document("ley.html", GAZETTE.encode())

    assert [line.text for line in document.lines if line.text] == [
        "LEY NÚM. 21.459",
        "Artículo 1.- Acceso ilícito. El que sin autorización acceda a un sistema informático",
        "será castigado.",
        "a) primero;",
        "b) segundo.",
        "Pena | Presidio menor",
    ]
    assert document.metadata["title"] == "Diario Oficial - Ley 21.459"
    assert "tracker" not in document.text and "Inicio" not in document.text


# An open-law site's page (mdBook, as github.com/jeqo/peru-constitucion builds it): the chapter entry sits
# in the <li> before the nested list that holds the page's own, active entry; a nested <ul> puts it in
# the <li> that holds the list.
SITE_PAGE = """<html><body><nav><ol class="chapter">
<li class="chapter-item"><a href="../index.html">Constituciones Política del Perú</a></li>
<li class="chapter-item"><a href="../1993/index.html"><strong>1.</strong> Constitución Política de 1993</a></li>
<li><ol class="section"><li class="chapter-item"><a href="../1993/titulo-i/index.html">TITULO I</a></li>
<li class="chapter-item"><a href="dft.html" class="active"><strong>1.7.</strong> DISPOSICIONES FINALES</a></li>
</ol></li></ol></nav><main><h1>DISPOSICIONES FINALES</h1><p>Primera. Los nuevos regímenes…</p></main>
</body></html>"""
NESTED_PAGE = """<html><body><ul><li><a href="/cp">Código Penal de 1940</a><ul>
<li><a href="/cp/t1" aria-current="page">Título I</a></li></ul></li></ul><p>Artículo 1.</p></body></html>"""


def test_html_names_the_works_its_navigation_puts_the_page_in():
    assert read_document("dft.html", SITE_PAGE.encode()).metadata["part_of"] == [
        "Constitución Política de 1993"
    ]
    assert read_document("t1.html", NESTED_PAGE.encode()).metadata["part_of"] == ["Código Penal de 1940"]
    assert "part_of" not in read_document("ley.html", GAZETTE.encode()).metadata


def test_xml_is_handed_over_as_bytes():
    data = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>'
    document = read_document("act.xml", data)
    assert document.format == "xml" and document.raw == data


# --- One error class, one language detector ---------------------------------------------------------------


def test_every_refusal_is_one_class_that_the_upload_limits_also_catch():
    for name, data in (("a.rtf", b"x"), ("a.txt", b""), ("a.pdf", b"%PDF-1.4 junk")):
        with pytest.raises(DocumentError) as error:
            read_document(name, data)
        assert isinstance(error.value, UploadRefused) and str(error.value).startswith(f"{name}: ")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Colombia, Ley 1273 de 2009, art. 269A
        (
            "El que, sin autorización o por fuera de lo acordado, acceda en todo o en parte a un sistema "
            "informático protegido o no con una medida de seguridad, o se mantenga dentro del mismo en "
            "contra de la voluntad de quien tenga el legítimo derecho a excluirlo, incurrirá en pena de "
            "prisión de cuarenta y ocho (48) a noventa y seis (96) meses.",
            "es",
        ),
        # Brazil, Código Penal art. 154-A (Lei 12.737/2012)
        (
            "Invadir dispositivo informático alheio, conectado ou não à rede de computadores, mediante "
            "violação indevida de mecanismo de segurança e com o fim de obter, adulterar ou destruir "
            "dados ou informações sem autorização expressa ou tácita do titular do dispositivo.",
            "pt",
        ),
        # Brazil, without the accents a bad OCR or keyboard drops
        ("Pena: detencao, de 3 meses a 1 ano, e multa, se a conduta nao constitui crime mais grave.", "pt"),
        # France, Code pénal art. 323-1; Haiti and Canada publish in French too
        (
            "Le fait d'accéder ou de se maintenir, frauduleusement, dans tout ou partie d'un système de "
            "traitement automatisé de données est puni de deux ans d'emprisonnement et de 60 000 € d'amende.",
            "fr",
        ),
        # Jamaica, Cybercrimes Act 2015, s. 3
        (
            "A person who knowingly obtains, for himself or another person, any unauthorised access to "
            "any program or data held in a computer commits an offence.",
            "en",
        ),
        # The REMJA recommendations' own opening, in Spanish and in English
        ("Que los Estados que aún no lo han hecho establezcan unidades especializadas.", "es"),
        ("That the States that have not yet done so establish specialised units.", "en"),
    ],
)
def test_one_language_detector_on_real_sentences(text, language):
    assert detect_language(text) == language


def test_no_evidence_gives_the_default():
    assert detect_language("1234 — 5678", default="es") == "es"


def test_pdf_marginal_notes_are_separated_from_the_body():
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    rows = [
        ("Short title.", "1.", "This Act may be cited as the Cybercrime Act, 2024."),
        ("Interpretation.", "2.", "In this Act, “computer” means any device that processes data;"),
        (None, None, "“data” means any representation of facts or information."),
        ("Illegal access.", "3.", "A person who, without lawful excuse, accesses a computer system"),
        (None, None, "commits an offence."),
    ]
    y = 780
    for note, label, text in rows:
        pdf.setFont("Helvetica", 11)
        if label:
            pdf.drawString(130, y, label)
        pdf.drawString(160, y, text)
        if note:
            pdf.setFont("Helvetica", 7)
            pdf.drawString(40, y, note)  # printed after the body, as typesetters often do
        y -= 16
    pdf.showPage()
    pdf.save()

    document = read_document("bill.pdf", buffer.getvalue())

    assert [line.text for line in document.margin_notes] == [
        "Short title.",
        "Interpretation.",
        "Illegal access.",
    ]
    assert [line.page for line in document.margin_notes] == [1, 1, 1]
    assert "Short title" not in document.text and "Illegal access" not in document.text
    assert "1. This Act may be cited as the Cybercrime Act, 2024." in document.text
    assert "commits an offence." in document.text


def test_pdf_margin_numbers_printed_after_the_text_join_their_line():
    """Barbados bills set section numbers and paragraph labels in a column the typesetter draws after
    the page's text; the plain text layer lists them at the page's end, away from their lines."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    rows = [
        ("1.", 72, "This Act may be cited as the Cybercrime Act, 2024."),
        ("2.", 72, "Section 18 of the principal Act is amended by"),
        ("(a)", 100, "deleting subsection (4); and"),
        ("(b)", 100, "inserting the following subsection:"),
    ]
    for n, (_label, x, text) in enumerate(rows):
        pdf.drawString(x + 40, 780 - 16 * n, text)
    for n, (label, x, _text) in enumerate(rows):
        pdf.drawString(x, 780 - 16 * n, label)
    pdf.showPage()
    pdf.save()

    lines = [line.text for line in read_document("bill.pdf", buffer.getvalue()).lines if line.text]

    assert lines == [
        "1. This Act may be cited as the Cybercrime Act, 2024.",
        "2. Section 18 of the principal Act is amended by",
        "(a) deleting subsection (4); and",
        "(b) inserting the following subsection:",
    ]
