"""Issue 16's "done when": an expert in Brazil drafts a preservation request to Argentina from the finder's
answer, downloads it as DOCX and PDF in Spanish (Argentina's language) and Portuguese (their own), and the
documents say what was typed under the headings of each language."""

from __future__ import annotations

import io
import re

import pytest

from cyberportal.quality.tests.helpers import build_capabilities
from cyberportal.states.models import State

from .conftest import screenshot, sign_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FACTS = "Extorsão por ransomware contra o Hospital Exemplo (prova) em 2026-11-28"
DATA = "Conta suspeito.exemplo@mail.example.ar, registros de acesso 2026-11-01 a 2026-11-30 UTC"


def _argentina_sheet():
    from cyberportal.cooperation.models import MeasureSheet
    from cyberportal.cooperation.tests.helpers import make_sheet
    from cyberportal.directory.tests.helpers import make_authority
    from cyberportal.states.models import Article

    argentina = State.objects.get(code="AR")
    MeasureSheet.objects.filter(state=argentina, measure="preservation").delete()  # the instance's own
    authority = make_authority(argentina, name="Unidad Fiscal Especializada en Ciberdelincuencia (prueba)")
    authority.address = "Av. de Mayo 760, Buenos Aires"
    authority.save()
    article = Article.objects.get(instrument__slug="cets-185", number="29")
    make_sheet(
        argentina,
        authority=authority,
        articles=[article],
        languages=["es", "en"],
        request_contents="Identificadores con horas en UTC (prueba).",
    )


def _read(download, kind: str) -> str:
    content = download.path().read_bytes()
    if kind == "docx":
        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def test_an_expert_from_brazil_drafts_a_preservation_request_to_argentina_in_spanish_and_portuguese(
    live_server, page
):
    from django.utils import translation

    from cyberportal.cooperation.forms import LABELS
    from cyberportal.testing import make_user

    build_capabilities()
    _argentina_sheet()
    make_user("expert", State.objects.get(code="BR"), username="expert.br")
    with translation.override("pt"):
        labels = {name: str(label) for name, label in LABELS.items()}
        draft_button = translation.gettext("Draft the request")

    sign_in(page, live_server.url, "expert.br")
    page.goto(f"{live_server.url}/pt/directory/finder/?state=AR&measure=preservation&urgency=urgent")
    page.get_by_role("link", name=draft_button).click()
    page.wait_for_url(re.compile(r"/pt/cooperation/requests/new/\?state=AR&measure=preservation"))
    known = page.locator("section.profile-section").inner_text()
    assert "Unidad Fiscal Especializada en Ciberdelincuencia (prueba)" in known
    assert "Identificadores con horas en UTC (prueba)." in page.content()  # beside the data field

    page.get_by_label(labels["requesting_authority"]).fill("Polícia Federal, Brasília (prova)")
    page.get_by_label(labels["officer"]).fill("Delegada Ana Souza, +55 61 5555 0100")
    page.get_by_label(labels["reference"]).fill("IPL 2026/0042")
    page.get_by_label(labels["offence"]).fill("Extorsão (art. 158 do Código Penal)")
    page.get_by_label(labels["facts"]).fill(FACTS)
    page.get_by_label(labels["data_sought"]).fill(DATA)
    page.get_by_label(labels["custodian"]).fill("Mail Example S.A., Buenos Aires")
    page.get_by_label(labels["necessity"]).fill("Os registros são guardados por 30 dias.")
    screenshot(page, "expert-br-request-assistant")

    expected = {
        "es": ["Solicitud de conservación rápida de datos informáticos almacenados", "Autoridad requirente",
               "Convenio sobre la Ciberdelincuencia (STCE n.º 185), artículo 29", "no inferior a 60 días"],
        "pt": ["Pedido de conservação expedita de dados informáticos armazenados", "Autoridade requerente",
               "Convenção sobre o Crime Cibernético (STCE n.º 185), artigo 29", "não inferior a 60 dias"],
    }  # fmt: skip
    for language, headings in expected.items():
        for kind in ("docx", "pdf"):
            with page.expect_download() as info:
                page.locator(f'button[value="{kind}:{language}"]').click()
            assert info.value.suggested_filename == f"request-preservation-ar-{language}.{kind}"
            text = _read(info.value, kind)
            for wanted in [
                *headings,
                "Unidad Fiscal Especializada en Ciberdelincuencia (prueba)",
                FACTS,
                DATA,
            ]:
                assert wanted in text, (language, kind, wanted)

    from cyberportal.cooperation.models import RequestDraft

    assert not RequestDraft.objects.exists()  # downloading saved nothing
    page.locator('button[value="save"]').click()
    page.wait_for_url(re.compile(r"/pt/cooperation/requests/\d+/$"))
    assert page.get_by_label(labels["facts"]).input_value() == FACTS
    assert RequestDraft.objects.count() == 1 and FACTS not in RequestDraft.objects.get().sealed
