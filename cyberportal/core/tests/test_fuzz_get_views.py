"""Every GET view answers malformed query strings with 4xx or a normal page: never 5xx, never the outage page.

The test walks every URL pattern (the portal's, allauth's and Wagtail's page serving; Wagtail's admin has
its own walk), fills path arguments with ids of a small data set built here, and sends each view's
parameters malformed: quotes, NUL, bare `%`, invalid UTF-8, huge and negative numbers, impossible dates,
repeated and array-style keys. Which parameters a view reads is found by recording the keys it asks
`request.GET` for, so a parameter added tomorrow is fuzzed without editing this file.
"""

from __future__ import annotations

import re
from unittest import mock
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from cyberportal.core.roles import VISITOR, Role
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

SKIPPED_ROUTES = re.compile(r"^(admin/|[a-z]{2}/_util/)")  # the admin walk covers these
# Parameters every view is sent even if it does not read them (the issue's list, and the forms' names).
GENERIC = [
    "q", "p", "page", "state", "article", "lang", "date", "from", "to", "action", "user", "sort",
    "format", "on", "visibility", "instrument", "category", "status", "year", "role", "kind", "next",
    "date_from", "date_to", "actor", "object_type", "measure", "urgency", "tz", "treaty_status",
    "network_247", "membership", "tlp", "space",
]  # fmt: skip
# Values already percent-encoded as they go on the wire: some are not valid encodings on purpose.
BAD_VALUES = [
    "%22",  # a lone double quote: FTS5's phrase delimiter
    "%",  # a bare percent sign, not an escape
    "%00",  # NUL: PostgreSQL refuses it in any text parameter
    "%27%5C%ff%c3%28*NEAR(:",  # quote, backslash, invalid UTF-8, search operators
    quote("x" * 3000),
    str(10**30),
    "-1",
    "2026-02-31",
    "%C2%B2",  # "²": str.isdigit() says yes, int() says no
]
BAD_PATH_VALUES = ["%00", str(10**30), "%ff", "%22", quote("x" * 300)]
SHAPES = ["{key}[]=1&{key}[]=2", "{key}=1&{key}=%22&{key}=-1"]


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name or ''}"


class RecordingQueryDict(QueryDict):
    """`request.GET` that remembers which keys the view asked for."""

    asked: set[str] = set()

    def __getitem__(self, key):
        RecordingQueryDict.asked.add(key)
        return super().__getitem__(key)

    def _getlist(self, key, default=None, force_list=False):
        RecordingQueryDict.asked.add(key)
        return super()._getlist(key, default, force_list)

    def __contains__(self, key):
        RecordingQueryDict.asked.add(key)
        return super().__contains__(key)


def _data_set() -> dict:
    """A little of everything a path can name, and the values to put in each path argument."""
    from cyberportal.accounts.services import invitation_create
    from cyberportal.campaigns.services import campaign_start
    from cyberportal.demo.services import home_pages_load
    from cyberportal.directory.models import VerificationCampaign, VerificationRequest
    from cyberportal.directory.services import token_hash, verification_correct
    from cyberportal.directory.tests.helpers import make_authority, make_contact
    from cyberportal.laws.tests.helpers import make_law, make_mapping, make_provision, make_thesaurus
    from cyberportal.recommendations import services as recommendation_services
    from cyberportal.recommendations.tests.helpers import TODAY, import_fixture
    from cyberportal.spaces import services as space_services
    from cyberportal.spaces.models import TLP, Attachment

    home_pages_load()
    ar, co = make_state("AR"), make_state("CO")
    secretariat = make_user(Role.SECRETARIAT, None, "fuzz-sec")
    users = {
        VISITOR: None,
        Role.EXPERT: make_user(Role.EXPERT, ar, "fuzz-expert"),
        Role.FOCAL_POINT: make_user(Role.FOCAL_POINT, co, "fuzz-focal"),
        Role.SECRETARIAT: secretariat,
    }
    make_thesaurus()
    law = make_law(ar, "1", title="Ley de delitos informáticos")
    provision = make_provision(law, "1", "Acceso ilícito a un sistema informático.", heading="Acceso")
    make_mapping(provision, "2")
    make_law(co, "2", live=False, visibility="state")
    authority = make_authority(ar)
    contact = make_contact(authority)
    campaign = VerificationCampaign.objects.create(started_at=timezone.now())
    VerificationRequest.objects.create(
        campaign=campaign,
        contact=contact,
        sent_to="ana.prueba@example.org",
        token_hash=token_hash("fuzz-token"),
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )
    correction = verification_correct(token="fuzz-token", proposed={"name": "Ana P."}, comment="")
    meeting = import_fixture("wg_2016_like.md")
    recommendation = meeting.recommendations.get(number=1)
    report = recommendation_services.report_save(
        user=users[Role.FOCAL_POINT],
        recommendation=recommendation,
        state=co,
        status="implemented",
        as_of=TODAY,
    )
    space = space_services.space_create(actor=secretariat, name="Fuzz", slug="fuzz", kind="working_group")
    for user in users.values():
        if user is not None and user != secretariat:
            space_services.membership_add(actor=secretariat, space=space, user=user)
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    thread = space_services.thread_create(
        author=users[Role.EXPERT],
        space=space,
        title="Preservation request",
        body="A thread about preservation.",
        tlp=TLP.GREEN,
        files=[SimpleUploadedFile("notes.pdf", pdf, content_type="application/pdf")],
        notify_members=False,
    )
    document = space_services.document_create(
        author=users[Role.EXPERT],
        space=space,
        title="Guide",
        category="other",
        tlp=TLP.GREEN,
        file=SimpleUploadedFile("guide.pdf", pdf, content_type="application/pdf"),
        notify_members=False,
    )
    applicant = make_user(Role.EXPERT, ar, "fuzz-applicant")
    applicant.role = ""
    applicant.save()
    invitation = invitation_create(inviter=secretariat, email="new@example.org", role=Role.EXPERT, state=ar)
    update_campaign = campaign_start(
        started_by=secretariat,
        subject="laws",
        due_date=timezone.localdate() + timezone.timedelta(days=30),
        states=[ar, co],
        notify=False,
    )
    kwargs = {
        "states:profile": {"code": "ar"},
        "states:instrument": {"slug": "cets-185"},
        "laws:state": {"code": "ar"},
        "laws:gaps": {"code": "ar"},
        "laws:law": {"pk": law.pk},
        "laws:law_by_work": {"work": law.frbr_uri.removeprefix("/akn/")},
        "laws:law_export": {"pk": law.pk, "fmt": "json"},
        "laws:law_original": {"pk": law.pk},
        "laws:article": {"instrument": "cets-185", "number": "2"},
        "directory:authority": {"pk": authority.pk},
        "directory:authority_vcard": {"pk": authority.pk},
        "directory:contact": {"pk": contact.pk},
        "directory:contact_vcard": {"pk": contact.pk},
        "directory:verify": {"token": "fuzz-token"},
        "directory:correction": {"pk": correction.pk},
        "recommendations:theme": {"code": "units"},
        "recommendations:report_accept": {"pk": report.pk},
        "recommendations:report_return": {"pk": report.pk},
        "recommendations:meeting": {"slug": meeting.slug},
        "recommendations:progress": {"slug": meeting.slug},
        "recommendations:progress_pdf": {"slug": meeting.slug},
        "recommendations:detail": {"slug": meeting.slug, "number": 1},
        "recommendations:report": {"slug": meeting.slug, "number": 1},
        "accounts:vetting_detail": {"pk": applicant.pk},
        "accounts:person_deactivate": {"pk": applicant.pk},
        "accounts:person_role": {"pk": applicant.pk},
        "accounts:invitation_accept": {"token": invitation.token},
        "spaces:thread": {"pk": thread.pk},
        "spaces:thread_label": {"pk": thread.pk},
        "spaces:document": {"pk": document.pk},
        "spaces:document_label": {"pk": document.pk},
        "spaces:attachment_download": {"pk": Attachment.objects.get(thread=thread).pk},
        "spaces:version_download": {"pk": document.versions.get().pk},
        **{f"spaces:{name}": {"slug": space.slug} for name in ("detail", "join", "leave", "member_add")},
        "spaces:thread_new": {"slug": space.slug},
        "campaigns:detail": {"pk": update_campaign.pk},
        "campaigns:answer": {"pk": update_campaign.pk},
        "spaces:document_new": {"slug": space.slug},
    }
    return {"users": users, "kwargs": kwargs}


# Generic values for path arguments no entry above names (a view added later, allauth's keys).
FALLBACK = {"int": "1", "slug": "x", "str": "x", "path": "x/y"}
ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>|(?!\?))(?P<regex>(?:[^()]|\([^()]*\))*)\)")
CANDIDATES = ["1", "x", "1-x", "x-1"]


def _fill(route: str, name: str, kwargs: dict, bad: tuple[str, str] | None = None) -> str:
    """A concrete path for a route: the data set's values, else a generic value its pattern accepts;
    `bad` = (argument, value) puts a malformed value in one argument instead."""
    given = {**kwargs.get(name, {}), **dict([bad] if bad else [])}

    def argument(match):
        converter, arg = match.group("converter") or "str", match.group("name")
        return str(given.get(arg, FALLBACK.get(converter, "x")))

    def group(match):
        if match.group("name") in given:
            return str(given[match.group("name")])
        return next(c for c in CANDIDATES if re.fullmatch(match.group("regex"), c))

    path = ARGUMENT.sub(argument, GROUP.sub(group, route))
    path = "/" + re.sub(r"\\(.)", r"\1", path.replace("^", "").replace("\\Z", "").replace("$", ""))
    return re.sub(r"^/(en|es|pt|fr)/", "/en/", path)


def _routes_to_walk():
    for route, name in _routes(get_resolver().url_patterns):
        if not (SKIPPED_ROUTES.match(route) or name == "wagtail_serve"):
            yield route, name


def _paths(kwargs: dict) -> list[str]:
    paths = []
    for route, name in _routes_to_walk():
        path = _fill(route, name, kwargs)
        resolve(path)  # a route this cannot fill fails here rather than going untested
        paths.append(path)
    # Wagtail's page serving: the home page, and a page that does not exist.
    return sorted(set(paths)) + ["/en/", "/en/no-such-page/"]


def _paths_with_a_bad_argument(kwargs: dict) -> list[str]:
    paths = set()
    for route, name in _routes_to_walk():
        arguments = [m.group("name") for m in ARGUMENT.finditer(GROUP.sub("", route))]
        arguments += [m.group("name") for m in GROUP.finditer(route) if m.group("name")]
        for argument in arguments:
            paths.update(_fill(route, name, kwargs, (argument, value)) for value in BAD_PATH_VALUES)
    return sorted(paths) + [f"/en/{value}/" for value in BAD_PATH_VALUES]  # Wagtail's page serving


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _query(pairs) -> str:
    return "&".join(f"{key}={value}" for key, value in pairs)


def _get(client, address: str, failures: list[str]) -> int:
    response = client.get(address)
    if response.status_code >= 500:
        failures.append(f"{response.status_code} GET {address[:160]}")
    return response.status_code


# The Secretariat first: no permission check stops it before a view reads its parameters.
ROLES = [Role.SECRETARIAT, Role.FOCAL_POINT, Role.EXPERT, VISITOR]


def test_malformed_query_strings_never_answer_5xx():
    data = _data_set()
    fuzzed: set[tuple[str, str]] = set()
    opened: set[tuple[str, str]] = set()
    failures: list[str] = []
    with mock.patch("django.core.handlers.wsgi.QueryDict", RecordingQueryDict):
        for role in ROLES:
            client = _client(data["users"][role])
            for path in _paths(data["kwargs"]):
                # Which keys the view asks for: only the view asks for keys that are absent (code that
                # walks the query string, like the language switcher, touches the present ones).
                RecordingQueryDict.asked = set()
                if _get(client, f"{path}?fuzz=1", failures) == 200:
                    opened.add((role, path))
                read = RecordingQueryDict.asked - {"fuzz"}
                if role in (Role.SECRETARIAT, VISITOR):
                    # Every generic parameter at once, each with a different bad value.
                    mixed = ((key, BAD_VALUES[i % len(BAD_VALUES)]) for i, key in enumerate(GENERIC))
                    _get(client, f"{path}?{_query(mixed)}", failures)
                # Each key the view reads, alone (so one invalid field cannot stop the view before it
                # reaches the next), with each bad value and in odd shapes; once per path and key, by
                # the first role whose request reaches the code that reads it (a role-specific branch
                # that reads a key no earlier role reached is fuzzed for that role).
                for key in sorted(read - {k for p, k in fuzzed if p == path}):
                    fuzzed.add((path, key))
                    for value in BAD_VALUES:
                        _get(client, f"{path}?{key}={value}", failures)
                    for shape in SHAPES:
                        _get(client, f"{path}?{shape.format(key=key)}", failures)
    assert failures == [], "\n".join(failures)
    # The walk reached the views rather than a sign-in or second-factor page standing before them.
    assert {
        (Role.SECRETARIAT, "/en/audit/"),
        (Role.EXPERT, "/en/spaces/search/"),
        (VISITOR, "/en/search/"),
    } <= opened


# A visitor, and the Secretariat, whom no permission check stops before a view has read its arguments.
@pytest.mark.parametrize("role", [VISITOR, Role.SECRETARIAT])
def test_malformed_path_arguments_never_answer_5xx(role):
    data = _data_set()
    client = _client(data["users"][role])
    failures: list[str] = []
    for path in _paths_with_a_bad_argument(data["kwargs"]):
        _get(client, path, failures)
    assert failures == [], "\n".join(failures)
