"""Test data for the quality harness, built per test (never the demo)."""

from __future__ import annotations

import http.client
import re
import socket
from urllib.parse import urlencode

from wagtail.models import Locale, Page, Site

from cyberportal.core.roles import Role
from cyberportal.home.models import HomePage
from cyberportal.quality.registry import LANGUAGES
from cyberportal.states.services import reference_data_load
from cyberportal.testing import make_user


def free_port() -> int:
    """A loopback port nothing listens on now (for a throw-away server or proxy)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_instance() -> dict:
    """Reference data, a published home page per language (with revisions) and users of each role."""
    reference_data_load()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    if root is None:  # a transactional test's flush removes the root page that migrations create
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Test portal home", slug="home", intro="Intro for tests", locale=locales["en"])
    root.add_child(instance=home)
    home.save_revision().publish()
    for code in LANGUAGES[1:]:
        translation = home.copy_for_translation(locales[code])
        translation.title = f"Home ({code})"
        translation.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    from cyberportal.states.models import State

    _key_page_law(State.objects.get(code="CO"))
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    expert = make_user(Role.EXPERT, State.objects.get(code="AR"), username="expert.ar")
    return {"home": home, "secretariat": secretariat, "expert": expert}


def _key_page_law(state) -> None:
    """The law the "law" key page shows (at its work URI, the same on every instance), with provisions."""
    from cyberportal.laws.models import Law, Provision

    law = Law.objects.create(
        state=state,
        frbr_uri="/akn/co/act/2009/1273",
        identifier="Ley 1273 de 2009",
        title="Ley de prueba",
        year=2009,
        language="es",
        live=True,
    )
    for order, (number, heading) in enumerate([("269A", "Acceso abusivo"), ("269C", "Interceptación")]):
        Provision.objects.create(
            law=law, number=number, heading=heading, text="Texto de prueba.", language="es", sort_order=order
        )


# What the journeys read and edit, named so the tests can assert on it.
LAW_IDENTIFIER = "Ley 1273 de 2009"
LAW_SUMMARY = "Adds the chapter on the protection of information and data to the Penal Code."
PROVISION_HEADING = "Acceso abusivo a un sistema informático"
PUBLIC_CONTACT, EXPERTS_CONTACT = "Autoridad central de prueba", "Mesa 24/7 de prueba"
STATE_CONTACT, SECRETARIAT_CONTACT = "Enlace reservado de prueba", "Enlace de la Secretaría"
SPACE_SLUG, THREAD_TITLE = "working-group", "Preservation requests over the holidays"


def build_capabilities() -> dict:
    """build_instance() plus one record of each capability the journeys walk through.

    Colombia's focal point (focal.co), a published Colombian law with a provision mapped to the Budapest
    Convention's Article 2 and the moderation workflow; a Colombian authority with one contact at each
    visibility; an open expert space with a TLP:GREEN thread. Made through the apps' services.
    """
    from django.utils import timezone

    from cyberportal.directory import services as directory_services
    from cyberportal.directory.models import ContactRole, RoleType
    from cyberportal.laws import services as law_services
    from cyberportal.laws.models import Law, Provision, ProvisionMapping
    from cyberportal.spaces import services as space_services
    from cyberportal.spaces.models import TLP, SpaceKind
    from cyberportal.states.models import Article, State

    data = build_instance()
    colombia = State.objects.get(code="CO")
    # The contact roles are rows a data migration makes; in the full suite they were found missing here
    # (a flush by an earlier test), which left every contact without a role and the finder empty.
    for code in ContactRole.values:
        RoleType.objects.get_or_create(code=code)
    data["focal"] = make_user(Role.FOCAL_POINT, colombia, username="focal.co")

    law_services.thesaurus_load()
    law_services.moderation_workflow_ensure()
    # build_instance() made a bare copy of this law for the "law" key page; the journeys need it whole.
    Law.objects.filter(frbr_uri="/akn/co/act/2009/1273").delete()
    law = Law(
        state=colombia,
        frbr_uri="/akn/co/act/2009/1273",
        identifier=LAW_IDENTIFIER,
        title="Por medio de la cual se modifica el Código Penal y se crea un nuevo bien jurídico tutelado",
        year=2009,
        language="es",
        summary=LAW_SUMMARY,
    )
    law.full_clean()
    law.save()
    provision = Provision.objects.create(
        law=law,
        kind="article",
        number="269A",
        heading=PROVISION_HEADING,
        text="El que, sin autorización, acceda en todo o en parte a un sistema informático protegido.",
        language="es",
    )
    ProvisionMapping.objects.create(
        provision=provision,
        article=Article.objects.get(instrument__slug="cets-185", number="2"),
        extent="full",
        reviewed_at=timezone.now(),
    )
    law.save_revision(user=data["secretariat"]).publish(user=data["secretariat"])
    data["law"] = law

    authority = directory_services.authority_create(
        state=colombia,
        name="Fiscalía General de la Nación (prueba)",
        kind="prosecution",
        request_languages=["es", "en"],
        time_zone="America/Bogota",
    )
    contacts = [
        (PUBLIC_CONTACT, ["central_authority"], "public"),
        (EXPERTS_CONTACT, ["poc_247"], "experts"),
        (STATE_CONTACT, ["poc_247"], "state"),
        (SECRETARIAT_CONTACT, ["poc_247"], "secretariat"),
    ]
    for name, roles, visibility in contacts:
        directory_services.contact_create(
            authority=authority,
            name=name,
            roles=roles,
            visibility=visibility,
            available_247=True,
            phones=[("office", "+57 601 555 0100")],
            emails=[f"{visibility}@example.org"],
            language="es",
        )
    data["authority"] = authority

    space = space_services.space_create(
        actor=data["secretariat"],
        name="Working Group",
        slug=SPACE_SLUG,
        kind=SpaceKind.WORKING_GROUP,
        is_open=True,
    )
    space_services.membership_add(actor=data["expert"], space=space, user=data["expert"])
    data["thread"] = space_services.thread_create(
        author=data["expert"],
        space=space,
        title=THREAD_TITLE,
        body="Who answers on 24 December?",
        tlp=TLP.GREEN,
    )
    data["space"] = space

    # Argentina's sheet for preservation and a declaration, for the cooperation key pages.
    import datetime

    from cyberportal.cooperation import services as cooperation_services
    from cyberportal.cooperation.models import Declaration, MeasureSheet

    argentina = State.objects.get(code="AR")
    preservation = Article.objects.get(instrument__slug="cets-185", number="29")
    sheet = MeasureSheet(
        state=argentina,
        measure="preservation",
        can_execute="conditions",
        conditions="A prosecutor's order within 60 days.",
        channel_247=True,
        languages=["es", "en"],
        request_contents="The facts, the data and the period.",
        as_of=datetime.date(2026, 6, 1),
        next_due=datetime.date(2099, 6, 1),
    )
    cooperation_services.measure_sheet_save(sheet=sheet, articles=[preservation], publish=True)
    declaration = Declaration(
        state=argentina,
        instrument=preservation.instrument,
        article=preservation,
        kind="reservation",
        text="Dual criminality may be required for disclosure.",
        language="en",
    )
    cooperation_services.declaration_save(declaration=declaration, publish=True)
    return data


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One visitor talking to one app instance directly (plain HTTP), keeping its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        conn.close()
        return response.status, dict(response.headers), text

    def post_form(self, path: str, fields: dict) -> tuple[int, dict, str]:
        _status, _headers, page = self.request("GET", path)
        return self.request("POST", path, {"csrfmiddlewaretoken": TOKEN.search(page).group(1), **fields})
