"""The drafting traditions of the Americas, each on a short excerpt of a real published statute (issue 13,
items 2, 4 and 5). Excerpts are quoted from the official publication named above each; lines are cut
where marked "[...]"."""

import datetime
import json
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cyberportal.laws import services
from cyberportal.laws.importers import parse_text
from cyberportal.laws.importers.text import structure_confidence
from cyberportal.laws.models import Law
from cyberportal.testing import make_state

# Colombia, Ley 1273 de 2009, as the Secretaría del Senado publishes it (secretariasenado.gov.co,
# ley_1273_2009.html), in Markdown with bold article labels and YAML front matter as open-law
# repositories keep it.
CO_1273_MD = """---
titulo: Ley 1273 de 2009
tipo: ley
fecha: 2009-01-05
fuente: http://www.secretariasenado.gov.co/senado/basedoc/ley_1273_2009.html
---
# LEY 1273 DE 2009

(enero 5)

Por medio de la cual se modifica el Código Penal, se crea un nuevo bien jurídico tutelado - denominado "de la protección de la información y de los datos"- y se preservan integralmente los sistemas que utilicen las tecnologías de la información y las comunicaciones, entre otras disposiciones.

EL CONGRESO DE COLOMBIA

DECRETA:

**ARTÍCULO 1o.** Adiciónase el Código Penal con un Título VII BIS denominado "De la Protección de la información y de los datos", del siguiente tenor:

CAPITULO I

De los atentados contra la confidencialidad, la integridad y la disponibilidad de los datos y de los sistemas informáticos

**Artículo 269A.** *Acceso abusivo a un sistema informático.* El que, sin autorización o por fuera de lo acordado, acceda en todo o en parte a un sistema informático protegido o no con una medida de seguridad [...]

**Artículo 269B.** *Obstaculización ilegítima de sistema informático o red de telecomunicación.* El que, sin estar facultado para ello, impida u obstaculice el funcionamiento o el acceso normal a un sistema informático [...]

**ARTÍCULO 2o.** Adiciónase al artículo 58 del Código Penal con un numeral 17, así:

17. Cuando para la realización de las conductas punibles se utilicen medios informáticos, electrónicos o telemáticos.

**ARTÍCULO 4o.** La presente ley rige a partir de su promulgación y deroga todas las disposiciones que le sean contrarias, en especial el artículo 195 del Código Penal.

El Presidente del honorable Senado de la República,
HERNÁN FRANCISCO ANDRADE SERRANO.
"""


def test_markdown_bold_articles_front_matter_and_amendments():
    law = parse_text(CO_1273_MD, source_format="md")

    assert law.numbers() == ["1", "2", "4"]  # 269A, 269B and numeral 17 are the Penal Code's wording
    penal, numeral = law.amendments
    assert penal.code_name == "Código Penal" and [
        p.number for p in penal.provisions if p.kind == "article"
    ] == [
        "269A",
        "269B",
    ]
    assert penal.provisions[1].heading == "Acceso abusivo a un sistema informático"
    assert (numeral.article, numeral.provisions[-1].number) == ("58", "17")
    assert (law.title, law.number, law.year, law.law_type) == ("Ley 1273 de 2009", "1273", 2009, "act")
    assert law.dates == {"enacted": datetime.date(2009, 1, 5)}
    assert law.source_url.startswith("http://www.secretariasenado.gov.co/")
    assert "---" not in law.preamble and "titulo" not in law.preamble


# Brazil, Lei nº 12.737, de 30 de novembro de 2012 (planalto.gov.br/ccivil_03/_ato2011-2014/2012/lei/l12737.htm).
BR_12737 = """LEI Nº 12.737, DE 30 DE NOVEMBRO DE 2012.
Dispõe sobre a tipificação criminal de delitos informáticos; altera o Decreto-Lei nº 2.848, de 7 de dezembro de 1940 - Código Penal; e dá outras providências.
A PRESIDENTA DA REPÚBLICA Faço saber que o Congresso Nacional decreta e eu sanciono a seguinte Lei:
Art. 1º Esta Lei dispõe sobre a tipificação criminal de delitos informáticos e dá outras providências.
Art. 2º O Decreto-Lei nº 2.848, de 7 de dezembro de 1940 - Código Penal, fica acrescido dos seguintes arts. 154-A e 154-B:
“Invasão de dispositivo informático
Art. 154-A. Invadir dispositivo informático alheio, conectado ou não à rede de computadores, mediante violação indevida de mecanismo de segurança [...]:
Pena - detenção, de 3 (três) meses a 1 (um) ano, e multa.
§ 1º Na mesma pena incorre quem produz, oferece, distribui, vende ou difunde dispositivo ou programa de computador com o intuito de permitir a prática da conduta definida no caput.
Ação penal
Art. 154-B. Nos crimes definidos no art. 154-A, somente se procede mediante representação [...].”
Art. 4º Esta Lei entra em vigor após decorridos 120 (cento e vinte) dias de sua publicação oficial.
Brasília, 30 de novembro de 2012; 191º da Independência e 124º da República.
DILMA ROUSSEFF
José Eduardo Cardozo
"""


def test_portuguese_quoted_insertion_and_end_matter():
    law = parse_text(BR_12737)

    assert law.numbers() == ["1", "2", "4"]
    [code] = law.amendments
    assert code.code_name == "Código Penal" and code.action == "insert"
    inserted = [p for p in code.provisions if p.kind == "article"]
    assert [(p.number, p.heading) for p in inserted] == [
        ("154-A", "Invasão de dispositivo informático"),
        ("154-B", "Ação penal"),
    ]
    assert "Pena - detenção" in inserted[0].text and "§ 1º" in [p.number for p in code.provisions]
    # Signatures are end matter, not words of article 4.
    assert law.provisions[-1].text.endswith("publicação oficial.") and "DILMA ROUSSEFF" in law.end_matter
    assert (law.number, law.year, law.dates["enacted"]) == ("12.737", 2012, datetime.date(2012, 11, 30))
    assert law.language == "pt" and law.confidence is not None


# Chile, Ley 21.459 (Diario Oficial, 20 June 2022; bcn.cl/leychile/navegar?idNorma=1177743).
CL_21459 = """LEY NÚM. 21.459
ESTABLECE NORMAS SOBRE DELITOS INFORMÁTICOS, DEROGA LA LEY N° 19.223 Y MODIFICA OTROS CUERPOS LEGALES CON EL OBJETO DE ADECUARLOS AL CONVENIO DE BUDAPEST
Teniendo presente que el H. Congreso Nacional ha dado su aprobación al siguiente
Proyecto de ley:
"Título I
De los delitos informáticos
Artículo 1.- Ataque a la integridad de un sistema informático. El que obstaculice o impida el normal funcionamiento, total o parcial, de un sistema informático [...] será castigado con la pena de presidio menor en sus grados medio a máximo.
Artículo 2.- Acceso ilícito. El que, sin autorización o excediendo la autorización que posea y superando barreras técnicas o medidas tecnológicas de seguridad, acceda a un sistema informático será castigado con la pena de presidio menor en su grado mínimo o multa de once a veinte unidades tributarias mensuales.
Disposiciones transitorias
Artículo primero.- Las disposiciones de la presente ley entrarán en vigencia el día de su publicación en el Diario Oficial [...].
Artículo segundo.- Las modificaciones introducidas por la presente ley en el artículo 36 de la ley N° 19.913 [...].".
Y por cuanto he tenido a bien aprobarlo y sancionarlo; por tanto, promúlguese y llévese a efecto como Ley de la República.
Santiago, 9 de junio de 2022.- GABRIEL BORIC FONT, Presidente de la República.- Marcela Ríos Tobar, Ministra de Justicia y Derechos Humanos.
"""


def test_own_number_not_the_repealed_law_and_transitory_articles_kept_apart():
    law = parse_text(CL_21459)

    assert (law.number, law.identifier) == ("21.459", "LEY NÚM. 21.459")  # not Ley 19.223, which it repeals
    assert law.numbers() == ["1", "2", "T1", "T2"]
    assert law.provisions[-1].text.endswith("[...].")  # the certificate and signatures are not glued on
    assert law.end_matter.startswith("Y por cuanto") and "BORIC" in law.end_matter
    assert (law.year, law.dates["enacted"]) == (2022, datetime.date(2022, 6, 9))


# Perú, Ley Nº 30096, Ley de Delitos Informáticos (El Peruano, 22 October 2013): the year is written in
# words only in the promulgation formula, so it is not known from the text.
PE_30096 = """LEY Nº 30096
EL PRESIDENTE DE LA REPÚBLICA
POR CUANTO:
El Congreso de la República
Ha dado la Ley siguiente:
LEY DE DELITOS INFORMÁTICOS
CAPÍTULO I
FINALIDAD Y OBJETO DE LA LEY
Artículo 1. Objeto de la Ley
La presente Ley tiene por objeto prevenir y sancionar las conductas ilícitas que afectan los sistemas y datos informáticos [...].
DISPOSICIONES COMPLEMENTARIAS FINALES
PRIMERA. Codificación de la pornografía infantil
La Policía Nacional del Perú puede mantener en sus archivos, con la autorización y supervisión respectiva del Ministerio Público, material de pornografía infantil [...].
SEGUNDA. Agente encubierto en delitos informáticos
El fiscal, atendiendo a la urgencia del caso particular y con la debida diligencia, puede autorizar la actuación de agentes encubiertos [...].
POR TANTO:
Mando se publique y cumpla.
Dado en la Casa de Gobierno, en Lima, a los veintiún días del mes de octubre del año dos mil trece.
"""


def test_complementary_provisions_and_no_invented_year(db):
    law = parse_text(PE_30096)

    assert law.numbers() == ["1", "D1", "D2"]
    assert law.provisions[-1].heading == "Agente encubierto en delitos informáticos"
    # The promulgation formula writes its date in words: that is the law's own date, not a guess.
    assert law.number == "30096" and law.year == 2013
    assert law.dates == {"enacted": datetime.date(2013, 10, 21)}
    assert law.end_matter.startswith("POR TANTO")

    undated = parse_text(PE_30096.replace("a los veintiún días del mes de octubre del año dos mil trece", ""))
    assert undated.year is None and undated.dates == {}
    assert any("year" in warning for warning in undated.warnings)
    with pytest.raises(ValidationError, match="year"):
        services.law_import(parsed=undated, options=services.ImportOptions(state=make_state("PE")))
    assert not Law.objects.exists()  # never /akn/pe/act/<this year>/30096


# Jamaica, The Cybercrimes Act, 2015 (Act 31 of 2015; laws.moj.gov.jm), with its arrangement of sections.
JM_CYBERCRIMES = """ARRANGEMENT OF SECTIONS
PART I. Preliminary
1. Short title and commencement.
2. Interpretation.
PART II. Offences
3. Unauthorised access to computer program or data.
THE CYBERCRIMES ACT, 2015
Act 31 of 2015.
BE IT ENACTED by The Queen's Most Excellent Majesty, by and with the advice and consent of the Senate and House of Representatives of Jamaica, and by the authority of the same, as follows:—
PART I. Preliminary
Short title and commencement.
1. This Act may be cited as the Cybercrimes Act, 2015, and shall come into operation on a day to be appointed by the Minister by notice published in the Gazette.
Interpretation.
2.—(1) In this Act—
"computer" means any device or group of inter-connected or related devices [...];
(2) For the purposes of this Act, a program or data is held in a computer if it is held in any removable storage medium which is for the time being in the computer.
PART II. Offences
Unauthorised access to computer program or data.
3.—(1) A person commits an offence if that person knowingly obtains, for himself or another person, any unauthorised access to any program or data held in a computer.
(2) For the purposes of this section, access to any program or data held in a computer is unauthorised if the person—
(a) is not himself entitled to control access to the program or data; and
(b) does not have consent to access [...] from any person who is so entitled.
Passed in the Senate this [...].
"""


def test_commonwealth_sections_side_headings_subsections_and_arrangement():
    law = parse_text(JM_CYBERCRIMES)

    rows = [(p.kind, p.number, p.heading) for p in law.provisions]
    assert [r for r in rows if r[0] == "article"] == [
        ("article", "1", "Short title and commencement"),
        ("article", "2", "Interpretation"),
        ("article", "3", "Unauthorised access to computer program or data"),
    ]
    assert [r[:2] for r in rows if r[0] == "part"] == [("part", "I"), ("part", "II")]  # once each: no ToC
    section3 = next(i for i, p in enumerate(law.provisions) if p.number == "3")
    labels = [(p.number, law.provisions[p.parent_index].number) for p in law.provisions[section3 + 1 :]]
    assert labels == [("(1)", "3"), ("(2)", "3"), ("(a)", "(2)"), ("(b)", "(2)")]
    assert any("arrangement of sections" in w for w in law.warnings)
    assert (law.number, law.year, law.title) == ("31", 2015, "THE CYBERCRIMES ACT, 2015")
    assert law.end_matter.startswith("Passed in the Senate") and law.language == "en"


# Barbados, Mutual Assistance in Criminal Matters (Amendment) Bill, 2024 (parliament.gov.bb, bill 740).
BB_AMENDMENT = """Short title
1. This Act may be cited as the Mutual Assistance in Criminal Matters (Amendment) Act, 2024.
Amendment of section 18 of Cap. 140A
2. Section 18 of the Mutual Assistance in Criminal Matters Act, Cap. 140A, in this Act referred to as the principal Act, is amended by
(a) inserting immediately after subsection (3) the following subsections:
“(3A) Where an action on a request for assistance may prejudice a criminal investigation or a criminal proceeding, the central authority for Barbados may postpone the action.”;
(b) deleting subsection (4).
Insertion of new section 18A into Cap. 140A
3. The principal Act is amended by inserting immediately after section 18 the following new section:
“Electronic evidence
18A. The central authority for Barbados may request the preservation of computer data.”
Read three times and passed the House of Assembly this day of 2024.
"""


def test_commonwealth_amending_bill_inserts_wordings_not_sections():
    law = parse_text(BB_AMENDMENT)

    assert law.numbers() == ["1", "2", "3"] and law.law_type == "act"
    subsection, section = law.amendments
    # Cited as the principal Act cites it: subsection (3A) of section 18.
    assert (subsection.article, subsection.provisions[-1].number) == ("18", "18(3A)")
    assert "postpone the action" in subsection.text()
    assert [(p.number, p.heading) for p in section.provisions if p.kind == "article"] == [
        ("18A", "Electronic evidence")
    ]
    assert law.provisions[-1].number == "3"  # the inserted 18A never became a section of this bill
    assert law.end_matter.startswith("Read three times") and law.year == 2024


# México, Ley de Amnistía (DOF 22-01-1994; diputados.gob.mx/LeyesBiblio/pdf/LA.pdf).
MX_AMNISTIA = """LEY DE AMNISTÍA
Nueva Ley publicada en el Diario Oficial de la Federación el 22 de enero de 1994
ARTICULO 1o.- Se decreta amnistía en favor de todas las personas en contra de quienes se haya ejercitado o pudiere ejercitarse acción penal [...].
ARTICULO 2o.- Los individuos que se encuentren actualmente sustraídos a la acción de la justicia [...].
TRANSITORIOS
PRIMERO.- Esta Ley entrará en vigor el día de su publicación en el Diario Oficial de la Federación.
SEGUNDO.- Esta Ley deberá ser fijada en bandos en las diversas poblaciones que se encuentran en la zona de conflicto [...].
México, D.F., a 21 de enero de 1994.- Dip. Juan Antonio Nemi Dib, Presidente.- Rúbricas.
"""


def test_transitory_ordinals_dates_and_promulgation():
    law = parse_text(MX_AMNISTIA)

    assert law.numbers() == ["1", "2", "T1", "T2"]
    assert law.dates == {"enacted": datetime.date(1994, 1, 21), "published": datetime.date(1994, 1, 22)}
    assert law.year == 1994
    assert law.confidence == 1.0 and law.unplaced == []


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Artículo 1°. Objeto.", "1"),
        ("Art. 1º Esta Lei dispõe sobre", "1"),
        ("ARTÍCULO 5-A. Del acceso", "5-A"),
        ("Artículo 269A: Acceso abusivo", "269A"),
        ("Art. 154-A. Invadir dispositivo", "154-A"),
        ("Article 1er Est puni", "1"),
        ("Artículo primero.- Las disposiciones", "1"),
        ("Artículo décimo tercero.- La ley", "13"),
        ("Artículo transitorio.- Esta ley", "T1"),
    ],
)
def test_article_heading_shapes(line, number):
    # Shapes printed in Colombia (Ley 1273), Brazil (Lei 12.737), Mexico (CPF art. 211 bis), France/Québec
    # and Chile (Ley 21.459); each line is the beginning of a real heading.
    law = parse_text(f"Ley de prueba\n{line} texto de la disposición.\n")
    assert law.numbers() == [number]


def test_confidence_counts_unplaced_lines_and_numbering_gaps():
    law = parse_text("Ley 1 de 2020\nArtículo 1. Uno.\nArtículo 2. Dos.\nArtículo 4. Cuatro.\n")
    assert law.confidence == structure_confidence(law, 3) == round(2 / 3, 2)
    furniture = parse_text("Ley 1 de 2020\nArtículo 1. Uno.\n- 2 -\nArtículo 2. Dos.\n")
    assert furniture.unplaced == [{"line": 3, "text": "- 2 -"}] and furniture.confidence == round(2 / 3, 2)


def test_command_json_reports_and_refuses_low_confidence_without_force(db, capsys):
    make_state("PE")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ley.txt"
        path.write_text("Ley 30096 de 2013\nArtículo 1. Uno.\nArtículo 3. Tres.\nArtículo 7. Siete.\n")
        call_command("import_law", str(path), "--state", "PE", "--dry-run", "--json")
        data = json.loads(capsys.readouterr().out)
        assert {"title", "language", "identifier", "provisions"} <= data.keys()
        assert (data["year"], data["dates"], data["unplaced"]) == (2013, {}, [])
        assert data["confidence"] == round(1 / 3, 2) and data["counts"]["article"] == 3
        with pytest.raises(CommandError, match="--force"):
            call_command("import_law", str(path), "--state", "PE")
        assert not Law.objects.exists()
        call_command("import_law", str(path), "--state", "PE", "--force")
    assert Law.objects.get().frbr_uri == "/akn/pe/act/2013/30096"


# Barbados, Electronic Transactions (Amendment) Bill, 2014 (parliament.gov.bb), shortened.
BB_DEFINITIONS = """Short title
1. This Act may be cited as the Electronic Transactions (Amendment)
Act, 2014.
Amendment of section 2 of Cap. 308B
2. Section 2 of the Electronic Transactions Act, Cap. 308B, in this Act referred to as the principal Act, is amended by
(a) deleting the definitions of “accredited certificate” and “authorized
certification service provider” and “certification service provider”; and
(b) inserting the following definitions:
“ “accredited certificate” means an electronic record that
(a) confirms the identity of that person; and
(b) is issued by a certification service provider;
“encryption” means the scrambling of a wire communication;”.
Amendment of section 16 of Cap. 308B
3. Section 16 of the principal Act is amended by deleting subsection (2)
(b) and substituting the following:
“(b) where the addressee has not designated an information processing system, receipt occurs on retrieval.”
Amendment of Cap. 308B
4. The principal Act is amended by deleting section 18 and substituting the following new sections:
“Licence to operate as a certification service provider
18.(1) A person who seeks to operate as a certification service provider shall apply for a licence.
(2) A person who operates without a licence is guilty of an offence.
Supervision of certification authorities
18A.(1) The Minister shall appoint a Supervisor of Certification Authorities.”.
Amendment of section 24 of Cap. 308B
5. Section 24(2) of the principal Act is amended by deleting the word
“may” appearing in the second line thereof and substituting the word “shall”.
Read three times and passed the House of Assembly this day of , 2014.
"""


def test_commonwealth_wordings_are_cited_as_the_amended_act_cites_them():
    law = parse_text(BB_DEFINITIONS)

    assert law.numbers() == ["1", "2", "3", "4", "5"]
    assert (law.title, law.year) == ("Electronic Transactions (Amendment) Act, 2014", 2014)
    cited = [(a.action, [p.number for p in a.provisions if p.kind == "article"]) for a in law.amendments]
    assert cited == [
        # A definition the section deleted and gives again is substituted; a new one is inserted.
        ("replace", ["2 “accredited certificate”"]),
        ("insert", ["2 “encryption”"]),
        ("replace", ["16(2)(b)"]),  # paragraph (b) of the subsection the amending words name
        # Sections glued to their subsection (1), whatever this bill's own numbering; "deleting section
        # 18 and substituting" replaces 18, and 18A, which did not exist, is inserted.
        ("replace", ["18"]),
        ("insert", ["18A"]),
    ]  # section 5 only swaps a quoted word: no wording
    assert {a.code_name for a in law.amendments} == {"Electronic Transactions Act, Cap. 308B"}
    definition = law.amendments[0].provisions
    assert [p.number for p in definition if p.kind == "paragraph"] == ["(a)", "(b)"]
    assert law.end_matter.startswith("Read three times")


def test_the_principal_act_keeps_the_chapter_the_bill_cites_it_by_elsewhere():
    """The printed bill names the principal Act without its chapter; its objects and side headings cite
    the chapter. The amended instrument is "Electronic Transactions Act, Cap. 308B", never "Cap. 308B"."""
    text = BB_DEFINITIONS.replace(
        "Electronic Transactions Act, Cap. 308B, in this Act", "Electronic Transactions Act, in this Act"
    )
    objects = (
        "OBJECTS AND REASONS\nThis Bill would amend the Electronic Transactions Act, Cap. 308B to make\n"
    )
    law = parse_text(objects + text)

    assert law.amendments and {a.code_name for a in law.amendments} == {
        "Electronic Transactions Act, Cap. 308B"
    }


def test_a_line_on_certification_service_providers_is_not_a_clerks_certificate():
    law = parse_text(BB_DEFINITIONS)

    deleting = next(p for p in law.provisions if p.number == "(a)")
    assert deleting.text.endswith("“certification service provider”; and")  # not cut off as end matter


# Jamaica, The Money Laundering Act (Laws of Jamaica, revised edition), as its text layer prints the
# "2.—(1)" label: with an ASCII hyphen.
JM_MONEY_LAUNDERING = """THE MONEY LAUNDERING ACT
1. This Act may be cited as the Money Laundering Act.
2.-(1) In this Act-
"designated authority" means the Director of Public Prosecutions [...];
(2) The Minister may, by order subject to affirmative resolution, amend the Schedule.
3.-(1) A person shall be taken to engage in money laundering if that person-
(a) engages in a transaction that involves property that is derived from the commission of a specified offence; [...]
6.-( 1) Subject to the provisions of this Act, it shall be the duty of a financial institution to make a report [...]
"""


def test_commonwealth_sections_numbered_with_a_hyphen_before_the_subsection():
    law = parse_text(JM_MONEY_LAUNDERING)

    assert [p.number for p in law.provisions if p.kind == "article"] == ["1", "2", "3", "6"]


# Jamaica, The Money Laundering Act, as the OCR of the revised edition's pages lays it out: the margin
# column (side headings, amendment notes, stray marks) beside the text, "( 1)" with a space, a Schedule
# "(Section 2)" of numbered items, and the Acts' numbers in the title block's margin.
JM_OCR_PAGES = """                     THE MONEY LAUNDERING ACT
                      ARRANGEMENT OF SECTIONS
 1. Short title.
 5. Conspiring, aiding, abetting, etc.. commission of offence of
      money laundering.
6. Duty of financial institution to report certain transactions.
                                                                           Acts
          THE MONEY LAUNDERING ACT                                      30 of 1996,
                                                                        34 of 1997.
1. This Act may be cited as the Money Laundering Act.                   Short title.
Conspiring,          5. A person who conspires with another to commit, or aids,
aiding,
abetting, etc.,   abets, counsels, or procures, the commission of, an offence
                     ( a ) on summary conviction before a Resident Magistrate-
Duty of              6.-( 1) Subject to the provisions of this Act, it shall be the
financial
institution to    duty of a financial institution to make a report [...]
3411997           made to it by the designated authority, in relation to any cash
                                                                 -7
                                            SCHEDULE                           (Section 2)
                                        Specified Offences
              1. The production, manufacture, extraction, preparation [...]
              2. The cultivation of opium poppy, coca bush or cannabis plant [...]
"""


def test_ocr_of_a_revised_edition_margins_schedule_and_arrangement_headings():
    law = parse_text(JM_OCR_PAGES)

    articles = [p for p in law.provisions if p.kind == "article"]
    assert [(p.number, p.heading) for p in articles] == [
        ("1", "Short title"),
        ("5", "Conspiring, aiding, abetting, etc.. commission of offence of money laundering"),
        ("6", "Duty of financial institution to report certain transactions"),
    ]  # the Schedule's items are not sections; headings from the arrangement, the margin being broken
    assert articles[0].text == "This Act may be cited as the Money Laundering Act."
    assert articles[0].notes == ["Short title."]  # the margin beside it, kept as a note
    subsection = law.provisions[law.provisions.index(articles[2]) + 1]
    assert (subsection.number, subsection.text[:25]) == ("(1)", "Subject to the provisions")
    assert any(p.number == "(a)" for p in law.provisions)  # "( a )"
    assert {"line": 19, "text": "-7"} in law.unplaced  # a stray mark is reported, not kept as text
    assert [p.number for p in law.provisions if p.kind == "part"] == ["SCHEDULE"]
    assert (law.title, law.number, law.year) == ("Money Laundering Act", "30", 1996)
    assert law.identifier == "Act 30 of 1996"  # not "ACT 30 of 1996" from the capitals of the title line


def test_arrangement_lists_sections_the_body_lacks():
    law = parse_text(JM_OCR_PAGES.replace("Duty of              6.-( 1)", "Duty of              7.-( 1)"))

    assert any("lists section(s) 6, not found" in w for w in law.warnings)
    assert any("Section(s) 7 are not in the arrangement" in w for w in law.warnings)


# Barbados, Cybercrime Bill, 2024 (bill 741) and Mutual Assistance in Criminal Matters (Amendment) Bill,
# 2024 (bill 740), as a PDF-to-Markdown conversion gives their lines: the first line of a section or
# subsection printed before its number, or after the line that follows it.
BB_CONVERTED = """Short title
1.
(Amendment) Act, 2024.
This Act may be cited as the Mutual Assistance in Criminal Matters
Access with intent to commit further offence
A  person  who  intentionally  and  without  authority  uses  a  computer
2.
system to perform any function in order to secure access to any programme or
data held in that computer system is guilty of an offence.
Online child sexual abuse
3.(1)
meet a child for the purpose of
A person who intentionally or recklessly uses a computer system to
(a)
(b)
engaging in sexual activity with the child; or
producing child pornography,
is guilty of an offence.
A Commonwealth country that accepts a condition in accordance
(2)
with subsection (4) shall be bound by it.
Aiding or abetting
4.
Act is guilty of that offence and is liable to the penalty of that offence.
A person who aids or abets the commission of an offence under this
PART III
Commencement
5.
Proclamation.
This  Act  shall  come  into  operation  on  a  date  to  be  fixed  by
"""


def test_first_lines_a_pdf_conversion_moved_are_put_back_and_reported():
    law = parse_text(BB_CONVERTED, source_format="md")

    articles = {p.number: p for p in law.provisions if p.kind == "article"}
    assert articles["1"].text.startswith(
        "This Act may be cited as the Mutual Assistance in Criminal Matters\n"
    )
    assert law.title == "Mutual Assistance in Criminal Matters (Amendment) Act, 2024"
    assert articles["2"].heading == "Access with intent to commit further offence"
    assert articles["2"].text.startswith("A  person  who  intentionally")
    subsections = [p for p in law.provisions if p.kind == "paragraph" and p.number in ("(1)", "(2)")]
    assert subsections[0].text.startswith(
        "A person who intentionally or recklessly uses a computer system to\nmeet"
    )
    assert subsections[1].text.startswith("A Commonwealth country that accepts")
    assert articles["4"].text.startswith("A person who aids or abets")
    assert articles["5"].text.startswith("This  Act  shall  come into".replace("come into", "come  into"))
    moved = next(w for w in law.warnings if "printed out of order" in w)
    assert moved.startswith("Lines 4, 6, 13, 19, 25, 30:")
    assert any(w.startswith("Lines 14–15: paragraph labels are printed apart") for w in law.warnings)


def test_a_correctly_printed_section_is_left_in_order():
    law = parse_text(
        "1.\nThe Minister may make regulations.\nThe regulations shall be made under\nsection 4 of this Act.\n"
        "2.\nThis Act comes into operation on assent.\n"
    )
    assert [p.number for p in law.provisions] == ["1", "2"]

    assert law.provisions[0].text.startswith("The Minister may make regulations.\nThe regulations")
    assert not any("out of order" in w for w in law.warnings)


def test_commonwealth_wordings_name_the_principal_act_and_insert_or_replace_by_the_verb():
    law = parse_text(
        "Amendment of section 18 of Cap. 140A\n"
        "2. Section 18 of the Mutual Assistance in Criminal Matters Act,\n"
        "Cap. 140A in this Act referred to as the principal Act is amended by\n"
        "(a) inserting immediately after subsection (3) the following new subsections:\n"
        "“(3A) Where an action on a request for assistance would prejudice an investigation.”;\n"
        "(b) deleting subsection (4) and substituting the following:\n"
        "“(4) Where a Commonwealth country makes a request for assistance, the central authority may "
        "supply information.”.\n"
        "Insertion of new section 18A into Cap. 140A\n"
        "3. The principal Act is amended by inserting immediately after section 18 the following new section:\n"
        "“Confidentiality of request for assistance\n"
        "18A.(1) A Commonwealth country may require that a request be kept confidential.”.\n"
    )

    assert [p.number for p in law.provisions if p.kind == "article"] == ["2", "3"]  # never 18A
    assert [(a.provisions[0].number, a.action, a.code_name) for a in law.amendments] == [
        ("18(3A)", "insert", "Mutual Assistance in Criminal Matters Act, Cap. 140A"),
        ("18(4)", "replace", "Mutual Assistance in Criminal Matters Act, Cap. 140A"),
        ("18A", "insert", "Mutual Assistance in Criminal Matters Act, Cap. 140A"),
    ]


# Issue 13 item 2, civil law, proven on the corpus's real documents (cyberportal/laws/tests/corpus/).
CORPUS = Path(__file__).resolve().parent / "corpus"


def _corpus_rows(folder: str, name: str) -> list[dict]:
    from cyberportal.laws.importers import parse_upload

    path = CORPUS / folder / name
    return parse_upload(path.name, path.read_bytes()).as_json()["provisions"]


def test_brazilian_chapters_sections_paragraphs_and_incisos_on_the_marco_civil():
    # Lei 12.965/2014 as Planalto prints it (corpus br-lei12965-md): "CAPÍTULO III", "Seção I", "Art. 9º",
    # "§ 1º" with its incisos "I -", and "Parágrafo único" after the incisos of the article's opening words.
    rows = _corpus_rows("br-lei12965-md", "marco_civil_da_internet_lei_12965.md")
    by = {(r["kind"], r["number"], r["parent"]): r for r in rows}

    assert ("section", "I", "chapter III") in by and by[("section", "I", "chapter III")]["heading"] == (
        "Da Neutralidade de Rede"
    )
    assert ("article", "9", "section I") in by
    assert by[("paragraph", "§ 1º", "article 9")]["text"].startswith("A discriminação ou degradação")
    assert by[("paragraph", "I", "paragraph § 1º")]["text"].startswith("requisitos técnicos indispensáveis")
    # A parágrafo is the article's, even after the incisos of the article's opening words.
    assert by[("paragraph", "Parágrafo único", "article 3")]["text"].startswith("Os princípios expressos")
    assert by[("paragraph", "Parágrafo único", "article 8")]["text"].startswith("São nulas de pleno direito")
    assert by[("paragraph", "VIII", "article 3")]["text"].startswith("liberdade dos modelos de negócios")


def test_dominican_titles_parrafos_and_numerals_on_ley_107_13():
    # Ley No. 107-13 (G. O. 10722; corpus do-ley-107-13-txt): "TÍTULO PRIMERO", "Párrafo I." … "Párrafo
    # IV." of article 2, numerals "1." … "22." under article 3's opening words.
    rows = _corpus_rows("do-ley-107-13-txt", "do_ley_107-13.txt")
    children = {}
    for r in rows:
        children.setdefault(r["parent"], []).append(r["number"])

    assert next(r for r in rows if r["number"] == "3" and r["kind"] == "article")["parent"] == "title PRIMERO"
    assert children["article 2"] == ["Párrafo I", "Párrafo II", "Párrafo III", "Párrafo IV"]
    assert children["article 3"] == [str(n) for n in range(1, 23)]


# Colombia, Código Penal (Ley 599 de 2000) as the Secretaría del Senado publishes it
# (secretariasenado.gov.co, basedoc/ley_0599_2000), Libro II, Título VII BIS added by Ley 1273 de 2009; the
# editor's notes "<Artículo adicionado …>" and the other titles are left out.
PENAL_CODE = """LIBRO SEGUNDO.
PARTE ESPECIAL.
DE LOS DELITOS EN PARTICULAR
TITULO VII BIS.
DE LA PROTECCION DE LA INFORMACION Y DE LOS DATOS
CAPITULO I.
DE LOS ATENTADOS CONTRA LA CONFIDENCIALIDAD, LA INTEGRIDAD Y LA DISPONIBILIDAD DE LOS DATOS Y DE LOS SISTEMAS INFORMATICOS
ARTICULO 269A. ACCESO ABUSIVO A UN SISTEMA INFORMÁTICO. El que, sin autorización o por fuera de lo acordado, acceda en todo o en parte a un sistema informático protegido o no con una medida de seguridad, o se mantenga dentro del mismo en contra de la voluntad de quien tenga un legítimo derecho a excluirlo, incurrirá en pena de prisión de cuarenta y ocho (48) a noventa y seis (96) meses y en multa de 100 a 1000 salarios mínimos legales mensuales vigentes.
"""


def test_books_hold_titles_that_hold_chapters():
    law = parse_text(PENAL_CODE)
    rows = law.as_json()["provisions"]
    assert [(r["kind"], r["number"], r["parent"]) for r in rows] == [
        ("book", "SEGUNDO", None),
        ("title", "VII", "book SEGUNDO"),
        ("chapter", "I", "title VII"),
        ("article", "269A", "chapter I"),
    ]
    assert rows[-1]["heading"] == "ACCESO ABUSIVO A UN SISTEMA INFORMÁTICO"
    assert rows[-1]["text"].endswith("salarios mínimos legales mensuales vigentes.")  # "(48)" opens nothing


def test_dates_of_the_promulgation_formulas_and_the_gazette_heading():
    # Ley No. 107-13 (corpus do-ley-107-13-txt): the Senate's and the Chamber's "DADA en la Sala de
    # Sesiones…" are approvals; the promulgation "DADA en Santo Domingo … a los seis (6) días del mes de
    # a gosto [sic] del año dos mil trece" is the enactment; "G. O. No. 10722 del 8 de agosto de 2013" in the
    # heading is the publication. The end of the law printed before it in the Gazette is not its heading.
    from cyberportal.laws.importers import parse_upload

    path = CORPUS / "do-ley-107-13-txt" / "do_ley_107-13.txt"
    law = parse_upload(path.name, path.read_bytes())
    assert law.dates == {"enacted": datetime.date(2013, 8, 6), "published": datetime.date(2013, 8, 8)}
    assert law.title.startswith("Ley No. 107-13 sobre los Derechos de las Personas") and law.year == 2013
    assert law.extra["gazette"] == "G. O. No. 10722 del 8 de agosto de 2013"


@pytest.mark.parametrize(
    ("end", "dates"),
    [
        # Brazil, Lei 12.965 (planalto.gov.br): the place and date, and the publisher's closing note.
        (
            "Brasília, 23 de abril de 2014; 193º da Independência e 126º da República.\nDILMA ROUSSEFF\n"
            "Este texto não substitui o publicado no DOU de 24.4.2014",
            {"enacted": datetime.date(2014, 4, 23), "published": datetime.date(2014, 4, 24)},
        ),
        # Canada, Royal Assent Act (S.C. 2002, c. 15), French version's formula shape.
        ("Fait à Ottawa, le 4 juin 2002.", {"enacted": datetime.date(2002, 6, 4)}),
        # A chamber's approval alone is not an enactment: nothing is guessed.
        (
            "DADA en la Sala de Sesiones del Senado, a los tres (03) días del mes de abril del año dos mil trece.",
            {},
        ),
    ],
)
def test_end_matter_dates_by_their_formula(end, dates):
    law = parse_text(f"Ley 1 de prueba\nArtículo 1. Objeto. Esta ley regula la prueba.\n\n{end}\n")
    assert law.dates == dates
