"""The importer reads documents in the seeds' shapes as a reader numbers them, and refuses bad input."""

import datetime
import re

import pytest

from cyberportal.recommendations import importer
from cyberportal.recommendations.importer import ImporterError

from .helpers import FIXTURES, docx_bytes, fixture_bytes, pdf_bytes


def _read(name):
    return importer.read_document(name, fixture_bytes(name))


def test_the_experts_document_header_and_items():
    document = _read("experts_2007_like.txt")
    meeting = document.meeting

    assert (meeting.body, meeting.number) == ("experts", "V")
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2007, 11, 19),
        datetime.date(2007, 11, 20),
    )
    assert meeting.place == "Washington, DC"
    assert meeting.symbol == "CIBER-V/doc.3/07 rev. 1"
    assert meeting.original_language == "en"
    assert [r.number for r in document.recommendations] == [1, 2, 3, 4, 5]


def test_page_break_debris_is_dropped_and_continuation_lines_joined():
    document = _read("experts_2007_like.txt")
    third, fourth = document.recommendations[2], document.recommendations[3]

    assert "CIBER-V" not in third.text and "- 2 -" not in third.text
    assert fourth.text.endswith("contacts for high-tech crime as soon as possible.")


def test_the_working_group_document_with_sub_items_and_a_footnote():
    document = _read("wg_2016_like.md")

    assert (document.meeting.body, document.meeting.number, document.meeting.year) == (
        "working_group",
        "IX",
        2016,
    )
    assert document.meeting.original_language == "es"
    assert document.meeting.symbol == ""  # the symbol cited in the preamble is another document's
    assert [(r.number, r.letters) for r in document.recommendations] == [
        (1, []),
        (2, []),
        (3, ["a", "b", "c"]),
        (4, []),
        (5, []),
    ]
    all_text = " ".join(r.text + " ".join(s.text for s in r.sub_items) for r in document.recommendations)
    assert "footnote" not in all_text
    sub_c = document.recommendations[2].sub_items[2]
    assert "prosecution of cybercrimes, and publish useful manuals there." in sub_c.text
    assert "Secretariat's requests for information." in document.recommendations[2].sub_items[1].text
    assert "Fort Lauderdale, United States: and elsewhere." in document.recommendations[3].text


def test_a_ministerial_report_stops_at_the_next_section():
    document = _read("remja_2004_like.txt")

    assert (document.meeting.body, document.meeting.number) == ("remja", "V")
    assert document.meeting.place == "Washington, D.C. USA"
    assert [r.number for r in document.recommendations] == [1, 2, 3, 4]
    assert "another section" not in document.recommendations[-1].text


def test_themes_and_addressees_are_proposed():
    recommendations = _read("wg_2016_like.md").recommendations

    assert "units" in recommendations[0].themes
    assert "technical_secretariat" in recommendations[1].addressees
    assert "statistics" in recommendations[3].themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Que los Estados adopten legislación sobre delito cibernético.", "legislation"),
        ("Que os Estados adiram à rede 24/7.", "network_247"),
        ("Que les États envisagent d'adhérer à la Convention du Conseil de l'Europe.", "budapest"),
        ("Que los Estados organicen estadísticas anuales.", "statistics"),
    ],
)
def test_theme_rules_read_four_languages(text, theme):
    assert theme in importer.propose_themes(text)


def test_out_of_sequence_numbers_are_reported_with_their_line():
    document = importer.parse_text("Meeting\n\n1. First item.\n\n3. Skipped a number.\n")

    assert [r.number for r in document.recommendations] == [1]
    assert document.problems[0].line == 5
    assert "3" in document.problems[0].message


def test_missing_header_fields_are_reported():
    document = importer.parse_text("1. That the states do something.\n")

    messages = " ".join(p.message for p in document.problems)
    assert "body" in messages and "meeting number" in messages


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("no_items.txt", fixture_bytes("no_items.txt"), "No numbered recommendations"),
        ("scan.pdf", pdf_bytes(None), "has a text layer .a scanned image"),
        ("notes.odt", b"something", "unsupported file type"),
        ("broken.docx", b"not a zip", "not a valid Word document"),
        ("broken.pdf", b"%PDF-garbage", "PDF"),
    ],
)
def test_bad_input_gets_a_clear_message(name, data, message):
    with pytest.raises(ImporterError, match=message):
        importer.read_document(name, data)


def test_docx_and_pdf_text_layers_are_read():
    lines = ["Ninth Meeting of the Working Group on Cybercrime", "December 12-13, 2016", "Washington, D.C."]
    items = ["1. That the States establish units.", "2. That the States keep statistics."]

    from_docx = importer.read_document("doc.docx", docx_bytes(lines + items))
    from_pdf = importer.read_document("doc.pdf", pdf_bytes(lines + items))

    for document in (from_docx, from_pdf):
        assert document.meeting.number == "IX"
        assert [r.number for r in document.recommendations] == [1, 2]


def test_json_form_of_a_parsed_document():
    data = _read("wg_2016_like.md").as_json()

    assert data["meeting"]["number"] == "IX"
    assert data["meeting"]["start_date"] == "2016-12-12"
    assert data["recommendations"][2]["letters"] == ["a", "b", "c"]


def test_similarity_finds_the_repeated_recommendation():
    scores = importer.similarity_scores(
        ["That states establish specialised units to investigate cybercrime."],
        [
            "That states keep statistics of cases.",
            "That the states establish specialized units for cybercrime.",
        ],
    )
    assert scores[0][1] > scores[0][0]


def test_roman_numerals():
    assert importer.roman_to_int("IX") == 9 and importer.int_to_roman(12) == "XII"


# --- Issue 13 item 8: Word's automatic numbering, printed sub-items, place and dates as printed ------

THIRTEEN = [
    "That the States establish specialised units to investigate and prosecute cybercrime.",
    "That the Technical Secretariat keep the directory of points of contact up to date.",
    "That the States examine their legal systems and adopt the legislation cybercrime requires:",
    "That the States adopt procedural measures to collect and keep electronic evidence.",
    "That the States develop national cybersecurity strategies.",
    "That the States join the 24/7 network of contacts for high-tech crime.",
    "That the States consider acceding to the Budapest Convention.",
    "That training on cybercrime and electronic evidence continue for prosecutors and judges.",
    "That cooperation with the private sector and service providers be strengthened.",
    "That the States share statistics on cybercrime with the Working Group.",
    "That the portal publish the States' legislation on cybercrime.",
    "That the Working Group cooperate with other international organizations.",
    "That the Working Group meet again before the next REMJA and report on progress.",
]


def _word_recommendations() -> bytes:
    import docx

    from cyberportal.core.tests.documents_helpers import add_numbering, docx_to_bytes, numbered_paragraph

    word = docx.Document()
    for line in ("Ninth Meeting of the Working Group on Cybercrime", "Washington, D.C., 27-29 April 2016"):
        word.add_paragraph(line)
    word.add_paragraph("Original: English")
    word.add_paragraph("RECOMMENDATIONS")
    # Normal-style paragraphs numbered by a list definition, as Word saves a list the user numbered.
    items = add_numbering(word, 21, ("decimal", "%1.", 1), ("lowerLetter", "%2)", 1))
    for index, text in enumerate(THIRTEEN, start=1):
        numbered_paragraph(word, text, items)
        if index == 3:
            numbered_paragraph(word, "on unauthorised access to computer systems;", items, level=1)
            numbered_paragraph(word, "on the interception of computer data.", items, level=1)
    return docx_to_bytes(word)


def test_word_automatic_numbering_gives_thirteen_recommendations():
    document = importer.read_document("recommendations.docx", _word_recommendations())

    assert [r.number for r in document.recommendations] == list(range(1, 14))
    assert [r.text for r in document.recommendations] == THIRTEEN
    assert document.recommendations[2].letters == ["a", "b"]
    assert document.recommendations[2].sub_items[1].text == "on the interception of computer data."
    assert document.recommendations[3].letters == []


def test_place_and_dates_as_printed_before_the_dates():
    document = importer.read_document("recommendations.docx", _word_recommendations())
    meeting = document.meeting

    assert meeting.place == "Washington, D.C."
    assert (meeting.start_date, meeting.end_date) == (datetime.date(2016, 4, 27), datetime.date(2016, 4, 29))
    assert (meeting.number, meeting.body) == ("IX", "working_group")


@pytest.mark.parametrize(
    ("header", "place", "start", "end"),
    [
        # A document date before the meeting's own dates must not win.
        (
            ["Ninth Meeting of the Working Group on Cybercrime", "12 December 2016", "December 12-13, 2016",
             "Washington, D.C.", "Original: Spanish"],
            "Washington, D.C.", (2016, 12, 12), (2016, 12, 13),
        ),
        (
            ["FINAL REPORT OF THE FIFTH MEETING OF MINISTERS OF JUSTICE",
             "April 28-30, 2004. Washington, D.C. USA"],
            "Washington, D.C. USA", (2004, 4, 28), (2004, 4, 30),
        ),
        (
            ["Décima Reunión del Grupo de Trabajo en Delito Cibernético",
             "Brasilia, Brasil, 30 de abril al 2 de mayo de 2018", "Original: español"],
            "Brasilia, Brasil", (2018, 4, 30), (2018, 5, 2),
        ),
    ],
)  # fmt: skip
def test_place_and_dates_in_the_shapes_headers_print_them(header, place, start, end):
    text = "\n".join([*header, "", "RECOMMENDATIONS", "", "1. That the States establish specialised units."])
    meeting = importer.parse_text(text).meeting

    assert meeting.place == place
    assert (meeting.start_date, meeting.end_date) == (datetime.date(*start), datetime.date(*end))


def test_printed_pdf_sub_items_a_to_e_stay_apart():
    from cyberportal.core.tests.documents_helpers import pdf_pages

    # As a printed PDF lays them out: each label in its own column before its text (a hanging indent).
    lines = [
        (72, "Ninth Meeting of the Working Group on Cybercrime"),
        (72, "Washington, D.C., 27-29 April 2016"),
        (72, "RECOMMENDATIONS"),
        (72, "1.\tThat the States establish specialised units."),
        (72, "2.\tThat the States adopt legislation that criminalises:"),
        (100, "a.\tillegal access to a computer system;"),
        (100, "b.\tillegal interception of computer data, including"),
        (130, "wireless transmissions;"),
        (100, "c.\tdata interference;"),
        (100, "d.\tsystem interference;"),
        (100, "e.\tthe misuse of devices."),
        (72, "3.\tThat the Technical Secretariat keep the directory up to date."),
    ]
    document = importer.read_document("recommendations.pdf", pdf_pages([lines]))

    assert [r.number for r in document.recommendations] == [1, 2, 3]
    second = document.recommendations[1]
    assert second.text == "That the States adopt legislation that criminalises:"
    assert second.letters == ["a", "b", "c", "d", "e"]
    assert (
        second.sub_items[1].text == "illegal interception of computer data, including wireless transmissions;"
    )
    assert second.sub_items[4].text == "the misuse of devices."
    assert document.meeting.place == "Washington, D.C."


def test_sub_items_run_on_in_one_printed_paragraph_are_kept_apart():
    text = "\n".join(
        [
            "Ninth Meeting of the Working Group on Cybercrime",
            "Washington, D.C., 27-29 April 2016",
            "",
            "1. That the States adopt legislation that criminalises: (a) illegal access; (b) illegal "
            "interception; (c) data interference; (d) system interference; (e) the misuse of devices.",
            "2. That the States apply the measures in paragraph (b) above; (d) of the Convention stays cited.",
        ]
    )
    first, second = importer.parse_text(text).recommendations

    assert first.text == "That the States adopt legislation that criminalises:"
    assert first.letters == ["a", "b", "c", "d", "e"]
    assert [s.text for s in first.sub_items][1:3] == ["illegal interception;", "data interference;"]
    assert second.letters == [] and "paragraph (b) above; (d) of the Convention" in second.text


# --- The same, on the real published texts (seeds): CIBER-V 2007 as a Word list, WG IX 2016 printed -----

CIBER_V = FIXTURES / "ciber_v_2007_seed.txt"
WG_IX = FIXTURES / "wg_ix_2016_seed.txt"
ITEM_LINE = re.compile(r"^(\d{1,2})\. (.*)$")
SUB_LINE = re.compile(r"^([a-e])\. (.*)$")


def _seed_items(path) -> list[tuple[int, str]]:
    return [
        (int(m.group(1)), m.group(2))
        for m in map(ITEM_LINE.match, path.read_text(encoding="utf-8").splitlines())
        if m
    ]


def _ciber_v_as_word() -> bytes:
    """CIBER-V/doc.3/07 rev. 1 as Word saves it when the recommendations are a numbered list: the header
    as typed paragraphs, each recommendation a paragraph whose number lives in numbering.xml only."""
    import docx

    from cyberportal.core.tests.documents_helpers import add_numbering, docx_to_bytes, numbered_paragraph

    word = docx.Document()
    items = add_numbering(word, 7, ("decimal", "%1.", 1))
    for line in CIBER_V.read_text(encoding="utf-8").splitlines():
        item = ITEM_LINE.match(line)
        if item:
            numbered_paragraph(word, item.group(2), items)
        elif line.strip():
            word.add_paragraph(line)
    return docx_to_bytes(word)


def test_real_word_list_imports_all_thirteen_recommendations_with_their_numbers():
    data = _ciber_v_as_word()
    assert b"numbering.xml" in data and b"1. That the states" not in data  # the numbers are Word's

    document = importer.read_document("CIBER-V-doc3-07.docx", data)

    assert [(r.number, r.text) for r in document.recommendations] == _seed_items(CIBER_V)
    meeting = document.meeting
    assert (meeting.number, meeting.body, meeting.symbol) == ("V", "experts", "CIBER-V/doc.3/07 rev. 1")
    # As printed: “November 19 and 20, 2007” over “Washington, DC”; the document's own date is not the meeting's.
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2007, 11, 19),
        datetime.date(2007, 11, 20),
    )
    assert meeting.place == "Washington, DC"
    assert (document.unplaced, document.confidence) == ([], 1.0)


def _wg_ix_printed() -> bytes:
    """The Ninth Meeting's recommendations laid out as a printed PDF: lines wrapped at the margin, each
    number and letter in a hanging-indent column of its own, 40 lines a page with the page number on top,
    the footnote's rule left out."""
    import textwrap

    from cyberportal.core.tests.documents_helpers import pdf_pages

    lines: list[tuple[float, str]] = []
    for paragraph in WG_IX.read_text(encoding="utf-8").splitlines():
        item, sub = ITEM_LINE.match(paragraph), SUB_LINE.match(paragraph)
        label, text, x = (
            (item.group(1) + ".", item.group(2), 72)
            if item
            else (sub.group(1) + ".", sub.group(2), 102)
            if sub
            else ("", paragraph, 72)
        )
        if not text.strip() or text == "---":
            continue
        wrapped = textwrap.wrap(text, 80)
        lines.append((x, f"{label}\t{wrapped[0]}" if label else wrapped[0]))
        lines += [(x + 30 if label else x, rest) for rest in wrapped[1:]]
    pages = [lines[i : i + 40] for i in range(0, len(lines), 40)]
    return pdf_pages([[(280, f"- {n} -")] * (n > 1) + page for n, page in enumerate(pages, start=1)])


def test_real_printed_sub_items_a_to_e_stay_apart_across_a_page():
    document = importer.read_document("WG-IX-2016.pdf", _wg_ix_printed())

    assert [r.number for r in document.recommendations] == list(range(1, 23))
    ninth = document.recommendations[8]
    assert ninth.text.startswith("That the REMJA Technical Secretariat continue to consolidate")
    assert ninth.text.endswith("via the OAS Web page and, to this end:")
    assert ninth.letters == ["a", "b", "c", "d", "e"]
    seed = {m.group(1): m.group(2) for m in map(SUB_LINE.match, WG_IX.read_text().splitlines()) if m}
    assert [s.text for s in ninth.sub_items[:4]] == [seed[letter] for letter in "abcd"]
    # (e) runs onto the next page of the seed; its last words stay with it, not with item 10.
    assert ninth.sub_items[4].text.startswith(seed["e"])
    assert ninth.sub_items[4].text.endswith("be published thereon.")
    assert document.recommendations[9].text.startswith("To continue promoting the exchange of information")
    meeting = document.meeting
    assert meeting.place == "Washington, D.C."
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2016, 12, 12),
        datetime.date(2016, 12, 13),
    )
    assert document.confidence == 1.0


def test_what_follows_the_recommendations_is_reported_not_dropped():
    text = "\n".join(
        [
            "Ninth Meeting of the Working Group on Cybercrime",
            "December 12-13, 2016",
            "Washington, D.C.",
            "",
            "1. That the States establish specialised units.",
            "2. That the States join the 24/7 network.",
            "",
            "II. SUMMARY OF THE DELIBERATIONS",
            "The delegations exchanged views on the draft.",
        ]
    )
    document = importer.parse_text(text)

    assert [r.number for r in document.recommendations] == [1, 2]
    assert document.unplaced == [
        {"line": 8, "text": "II. SUMMARY OF THE DELIBERATIONS"},
        {"line": 9, "text": "The delegations exchanged views on the draft."},
    ]
    assert document.confidence == 1.0  # the end was recognised; the numbering is whole
    assert any(p.line == 8 and "not imported" in p.message for p in document.problems)
    assert document.as_json()["unplaced"] == document.unplaced


def test_a_number_out_of_sequence_lowers_the_confidence():
    text = "1. That the States act.\n2. That the Secretariat report.\n4. That the Group meet.\n"
    document = importer.parse_text(text)

    assert document.as_json()["confidence"] == document.confidence < 1.0
