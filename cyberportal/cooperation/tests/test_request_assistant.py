"""The request-drafting assistant: who may use it, whose drafts are whose, encryption at rest, erasure
after the period, the documents it produces (read back), and the finder's completed answer."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cyberportal.audit.models import AuditEntry
from cyberportal.cooperation import crypto, documents, selectors
from cyberportal.cooperation.models import RequestDraft
from cyberportal.cooperation.tests.helpers import make_sheet
from cyberportal.core.roles import Role
from cyberportal.directory.tests.helpers import client_for, make_authority
from cyberportal.states.models import Article, Instrument
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

SECRET_FACTS = "Ransomware attack on Hospital Zyxwv; wallet bc1qsecretwallet"
NEW = "/en/cooperation/requests/new/"


def _article(slug: str, number: str, title: str, short: str) -> Article:
    instrument, _ = Instrument.objects.get_or_create(
        slug=slug, defaults={"short_name": short, "title": short}
    )
    return Article.objects.get_or_create(instrument=instrument, number=number, defaults={"title": title})[0]


@pytest.fixture
def argentina():
    art29 = _article(
        "cets-185", "29", "Expedited preservation of stored computer data", "Budapest Convention"
    )
    _article("cets-224", "7", "Disclosure of subscriber information", "Second Additional Protocol")
    ar = make_state("AR")
    ar.official_languages = ["es"]
    ar.save()
    authority = make_authority(ar, name="Unidad Fiscal Especializada en Ciberdelincuencia")
    authority.address = "Av. de Mayo 760, Buenos Aires"
    authority.save()
    make_sheet(
        ar,
        authority=authority,
        articles=[art29],
        languages=["es", "en"],
        request_contents="Identifiers with UTC time stamps (sheet requirement).",
        dual_criminality="required",
        experts_notes="Call the duty prosecutor first (experts only).",
    )
    return ar


@pytest.fixture
def brazilian():
    br = make_state("BR")
    br.official_languages = ["pt-BR"]
    br.save()
    return make_user(Role.EXPERT, br, username="expert-br")


def _fields(**extra):
    data = {
        "state": "AR",
        "measure": "preservation",
        "basis": "cets-185:29",
        "requesting_authority": "Polícia Federal, Brasília",
        "officer": "Delegada Ana Souza, +55 61 5555 0100, ana@example.org",
        "reference": "IPL 2026/123",
        "urgency": "urgent",
        "offence": "Extorsão (art. 158 do Código Penal)",
        "facts": SECRET_FACTS,
        "data_sought": "Account ana.suspect@example.net, 2026-11-01 to 2026-11-30 UTC",
        "relationship": "The account received the ransom demands.",
        "custodian": "Example Mail S.A., Buenos Aires",
        "necessity": "Logs are kept 30 days only.",
        "follow_up": "Within 30 days.",
        "procedures": "Do not notify the user.",
        "keep_days": "7",
    }
    data.update(extra)
    return data


def _save(user, **extra) -> RequestDraft:
    response = client_for(user).post(NEW, _fields(action="save", **extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    return RequestDraft.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_the_assistant_fills_in_what_the_portal_knows_and_the_states_requirements(argentina, brazilian):
    page = client_for(brazilian).get(NEW + "?state=AR&measure=preservation").content.decode()

    assert "Unidad Fiscal Especializada en Ciberdelincuencia" in page
    assert "Av. de Mayo 760" in page
    assert "Identifiers with UTC time stamps (sheet requirement)." in page  # beside the data field
    assert "Art. 29(2)(e)" in page  # the treaty's own requirement beside "necessity"
    assert "Call the duty prosecutor first" in page  # the experts' notes: a vetted reader
    assert 'value="cets-185:29" selected' in page


@pytest.mark.parametrize("role", ["visitor", "unvetted"])
def test_only_vetted_users_draft(argentina, role):
    if role == "visitor":
        response = client_for(make_user("visitor")).get(NEW)
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    else:
        pending = make_user(Role.EXPERT, argentina, username="pending")
        pending.role = ""
        pending.save()
        assert client_for(pending).get(NEW).status_code == 403


def test_a_draft_is_invisible_to_everyone_else(argentina, brazilian):
    draft = _save(brazilian)
    others = [
        make_user(Role.EXPERT, brazilian.state, username="colleague-br"),
        make_user(Role.FOCAL_POINT, brazilian.state, username="focal-br"),
        make_user(Role.EXPERT, argentina, username="expert-ar"),
        make_user(Role.SECRETARIAT, None, username="secretariat"),
    ]
    url = f"/en/cooperation/requests/{draft.pk}/"

    assert SECRET_FACTS in client_for(brazilian).get(url).content.decode()
    for other in others:
        client = client_for(other)
        assert client.get(url).status_code == 404, other.username
        assert client.post(url, _fields(action="save", facts="overwritten")).status_code == 404
        assert client.post(url, {"action": "delete"}).status_code == 404
        assert SECRET_FACTS not in client.get("/en/cooperation/requests/").content.decode()
    assert RequestDraft.objects.filter(pk=draft.pk).exists()
    assert SECRET_FACTS in client_for(brazilian).get(url).content.decode()


def test_the_database_holds_only_ciphertext_and_the_audit_trail_only_the_fact(argentina, brazilian):
    draft = _save(brazilian)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cooperation_requestdraft WHERE id = %s", [draft.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())

    for plain in ("Zyxwv", "bc1qsecretwallet", "Ana Souza", "preservation", "cets-185"):
        assert plain not in raw
    assert crypto.unseal(draft.sealed)["facts"] == SECRET_FACTS
    entries = list(AuditEntry.objects.filter(object_type="cooperation.requestdraft"))
    assert [e.action for e in entries] == ["create"]
    assert entries[0].object_repr == "request draft"
    assert "Zyxwv" not in str(entries[0].changes) + entries[0].object_repr


def test_a_key_that_is_not_configured_cannot_open_a_draft(argentina, brazilian, settings):
    draft = _save(brazilian)
    settings.REQUEST_DRAFTS_KEYS = [crypto.Fernet.generate_key().decode()]

    with pytest.raises(crypto.UnreadableDraft):
        crypto.unseal(draft.sealed)
    assert selectors.request_draft_for(brazilian, draft.pk) is None


def test_rotation_keeps_drafts_readable(argentina, brazilian, settings):
    old = crypto.Fernet.generate_key().decode()
    settings.REQUEST_DRAFTS_KEYS = [old]
    draft = _save(brazilian)
    settings.REQUEST_DRAFTS_KEYS = [crypto.Fernet.generate_key().decode(), old]

    call_command("erase_request_drafts", "--reseal", stdout=io.StringIO())
    settings.REQUEST_DRAFTS_KEYS = settings.REQUEST_DRAFTS_KEYS[:1]
    draft.refresh_from_db()
    assert crypto.unseal(draft.sealed)["facts"] == SECRET_FACTS


def test_a_draft_is_gone_after_its_period(argentina, brazilian):
    draft = _save(brazilian, keep_days="1")
    url = f"/en/cooperation/requests/{draft.pk}/"
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client_for(brazilian).get(url).status_code == 404  # on read, before any erasure
        assert "IPL 2026/123" not in client_for(brazilian).get("/en/cooperation/requests/").content.decode()
        out = io.StringIO()
        call_command("erase_request_drafts", stdout=out)
    assert "1 expired" in out.getvalue()
    assert not RequestDraft.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(object_type="cooperation.requestdraft", action="delete").count() == 1


def test_the_worker_task_erases_only_expired_drafts(argentina, brazilian):
    from cyberportal.cooperation.tasks import erase_expired_request_drafts

    keep = _save(brazilian, keep_days="30")
    gone = _save(brazilian, keep_days="1")
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(days=2)):
        erase_expired_request_drafts.enqueue()

    assert list(RequestDraft.objects.values_list("pk", flat=True)) == [keep.pk]
    assert gone.pk != keep.pk


def test_the_period_is_the_authors_choice_within_bounds(argentina, brazilian):
    before = timezone.now()
    draft = _save(brazilian, keep_days="14")
    assert (
        datetime.timedelta(days=13, hours=23)
        < draft.expires_at - before
        <= datetime.timedelta(days=14, minutes=1)
    )

    response = client_for(brazilian).post(NEW, _fields(action="save", keep_days="365"))
    assert response.status_code == 400
    assert "365" in response.content.decode()


def test_the_form_keeps_what_the_user_typed_on_error(argentina, brazilian):
    response = client_for(brazilian).post(NEW, _fields(action="pdf:es", offence="", basis="cets-185:29"))
    page = response.content.decode()

    assert response.status_code == 400
    assert "Offence under investigation and the applicable law: this field is required." in page
    assert SECRET_FACTS in page and "Example Mail S.A., Buenos Aires" in page
    assert not RequestDraft.objects.exists()


def test_bad_choices_are_named_not_500(argentina, brazilian):
    client = client_for(brazilian)
    for query, named in (("state=ZZ&measure=preservation", "ZZ"), ("state=AR&measure=nonsense", "nonsense")):
        response = client.get(f"{NEW}?{query}")
        assert response.status_code == 400 and named in response.content.decode()
    response = client.get(f"{NEW}?state=AR&measure=preservation&basis=cets-999:1")
    assert response.status_code == 400 and "cets-999:1" in response.content.decode()


def _docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Solicitud de conservación rápida de datos informáticos almacenados", "Autoridad requirente",
                "Convenio sobre la Ciberdelincuencia (STCE n.º 185), artículo 29", "Estado requerido",
                "no inferior a 60 días"]),
        ("pt", ["Pedido de conservação expedita de dados informáticos armazenados", "Autoridade requerente",
                "Convenção sobre o Crime Cibernético (STCE n.º 185), artigo 29", "Estado requerido",
                "não inferior a 60 dias"]),
    ],
)  # fmt: skip
def test_the_documents_read_back_in_spanish_and_portuguese(argentina, brazilian, language, expected):
    client = client_for(brazilian)
    docx = client.post(f"/{language}/cooperation/requests/new/", _fields(action=f"docx:{language}"))
    pdf = client.post(f"/{language}/cooperation/requests/new/", _fields(action=f"pdf:{language}"))

    assert docx.status_code == 200 and pdf.status_code == 200
    assert "no-store" in docx["Cache-Control"] and "noindex" in pdf["X-Robots-Tag"]
    assert docx["Content-Disposition"].endswith(f'-ar-{language}.docx"')
    for text in (_docx_text(docx.content), " ".join(_pdf_text(pdf.content).split())):
        for wanted in [
            *expected,
            "Unidad Fiscal Especializada en Ciberdelincuencia",
            SECRET_FACTS,
            "IPL 2026/123",
        ]:
            assert wanted in text, (language, wanted)
    assert not RequestDraft.objects.exists()  # produced without saving
    assert not AuditEntry.objects.filter(object_type="cooperation.requestdraft").exists()


def test_each_kind_of_request_has_its_headings_in_four_languages():
    for kind, sections in documents.SECTIONS.items():
        for language in documents.L:
            assert documents.TITLES[kind][language]
            for heading, _names in sections:
                assert documents.HEADINGS[heading][language]


def test_a_protocol_order_becomes_an_article_7_order(argentina, brazilian):
    response = client_for(brazilian).post(
        NEW, _fields(measure="subscriber", basis="cets-224:7", action="docx:fr", necessity="")
    )
    text = _docx_text(response.content)

    assert response.status_code == 200
    assert "Injonction de divulgation d'informations relatives aux abonnés" in text
    assert "Fournisseur de services destinataire de l'injonction" in text


def test_the_finder_answer_shows_the_sheet_and_a_button_to_draft(argentina, brazilian):
    page = client_for(brazilian).get("/en/directory/finder/?state=AR&measure=preservation&urgency=urgent")
    html = page.content.decode()

    assert "Identifiers with UTC time stamps (sheet requirement)." in html
    assert "Call the duty prosecutor first" in html
    assert "/en/cooperation/requests/new/?state=AR&amp;measure=preservation" in html
    visitor = client_for(make_user("visitor")).get(
        "/en/directory/finder/?state=AR&measure=preservation&urgency=urgent"
    )
    assert "Call the duty prosecutor first" not in visitor.content.decode()
    assert "Draft the request" in visitor.content.decode()


def test_control_characters_pasted_from_a_log_do_not_break_the_documents(argentina, brazilian):
    facts = "Log line:\x1b[31m ERROR\x0b at 03:12\x07"
    for action in ("docx:es", "pdf:pt"):
        response = client_for(brazilian).post(NEW, _fields(action=action, facts=facts))
        assert response.status_code == 200, action
    assert "Log line:[31m ERROR at 03:12" in _docx_text(
        client_for(brazilian).post(NEW, _fields(action="docx:en", facts=facts)).content
    )
