"""No English on a Spanish, Portuguese or French page (issue 14, "Done when"): a crawl as each role.

Every page each role works in is fetched with the Django test client from the demo instance, in es, pt
and fr, and its visible text (text nodes, and the title, aria-label, placeholder and alt attributes) is
compared with the English of the interface:

- a text that is an English message of a catalogue (ours or Wagtail's) whose translation in the
  page's language exists, yet shows in English, fails (a string evaluated too early, the wrong
  language activated, a message not marked for translation in one place);
- a text of three words or more made mostly of words that only the English catalogues use fails too
  (a string never marked for translation at all).

Content marked with another language (`lang="en"` on an English law title, or a reference text
shown in the original with its marker) is content, not interface, and is skipped; ALLOWED lists
the proper names that are the same in every language. The failure names the page and the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils import translation

from cyberportal.accounts.models import User
from cyberportal.laws.models import Law

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

LANGUAGES = ["es", "pt", "fr"]

PAGES = {
    "visitor": [
        "/{lang}/",
        "/{lang}/states/",
        "/{lang}/states/ar/",
        "/{lang}/states/br/",
        "/{lang}/instruments/",
        "/{lang}/instruments/cets-185/",
        "/{lang}/laws/",
        "/{lang}/laws/matrix/?instrument=cets-185",
        "/{lang}/search/?q=illegal+access",
        "/{lang}/laws/state/co/",
        "/{lang}/laws/akn/co/act/2009/1273/",
        "/{lang}/directory/",
        "/{lang}/directory/finder/",
        "/{lang}/directory/finder/?state=AR&measure=preservation&urgency=urgent&tz=America/Sao_Paulo",
        "/{lang}/recommendations/",
        "/{lang}/recommendations/timeline/",
        "/{lang}/accounts/sign-in/",
    ],
    "expert.br": [
        "/{lang}/directory/finder/?state=AR&measure=preservation&urgency=urgent",
        "/{lang}/cooperation/requests/new/?state=AR&measure=preservation",
        "/{lang}/cooperation/requests/",
        "/{lang}/directory/",
        "/{lang}/spaces/",
        "/{lang}/accounts/profile/",
    ],
    "focal.co": [
        "/{lang}/laws/{law}/",
        "/{lang}/laws/import/",
        "/{lang}/directory/dashboard/",
        "/{lang}/recommendations/reports/",
        "/{lang}/accounts/profile/",
        "/admin/",
    ],
    "secretariat": [
        "/{lang}/audit/",
        "/{lang}/directory/dashboard/",
        "/{lang}/directory/campaigns/new/",
        "/{lang}/accounts/people/",
        "/{lang}/recommendations/import/",
        "/admin/",
        "/admin/snippets/states/state/",
    ],
}

# The same in every language: names, acronyms, formats and the portal's own proper names.
ALLOWED = {
    "OAS",
    "REMJA",
    "TLP",
    "CSV",
    "JSON",
    "PDF",
    "vCard",
    "Akoma Ntoso",
    "XML",
    "DOCX",
    "UTC",
    "24/7",
    "E.164",
    "MFA",
    "TOTP",
    "WebAuthn",
    "Wagtail",
    "CLEAR",
    "GREEN",
    "AMBER",
    "AMBER+STRICT",
    "RED",
    "Cyberportal",
    "Actions",  # aria-label hard-coded in Wagtail's wagtailadmin/shared/headers/_actions.html
}
# The demo's example records are content written in English and labelled "(example)" wherever they show.
EXAMPLE_MARK = "(example)"
# Demo content in English that carries no "(example)" of its own (a space's description, the comment
# the demo's Secretariat returned a contact change with).
DEMO_CONTENT = {
    "Participants of an example training course; any vetted official may join.",
    "Example comment: please add the direct line of the new head of unit before we publish this change.",
    # The demo sheets' experts' notes (cooperation), shown on the finder's answer and in the assistant.
    "For urgent cases at night, call the duty prosecutor first (example, experts only).",
}
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea", "svg", "template"}
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class _VisibleText(HTMLParser):
    """Text a reader sees in the page's language: text nodes and a few attributes, without the
    subtrees marked as another language or never shown."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").split("-")[0]
        skipped = (
            self.skipping
            or tag in SKIPPED_TAGS
            or (lang and tag != "html" and lang != self.language)
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
            or "badge-fallback" in (attrs.get("class") or "")
        )
        if not skipped:
            self.texts.extend(v for k, v in attrs.items() if k in ATTRIBUTES and v)
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def visible_texts(html: str, language: str) -> list[str]:
    parser = _VisibleText(language)
    parser.feed(html)
    return [" ".join(t.split()) for t in parser.texts if t.strip()]


def _catalogues() -> list[Path]:
    import wagtail

    ours = list(Path(settings.PROJECT_DIR).rglob("locale/es/LC_MESSAGES/django.po"))
    theirs = list(Path(wagtail.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po"))
    return ours + theirs


@lru_cache(maxsize=1)
def english_messages() -> frozenset[str]:
    messages = set()
    for path in _catalogues():
        with path.open("rb") as handle:
            for message in read_po(handle):
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                messages.update(i for i in ids if i and re.search(r"[A-Za-z]{3}", i) and "%(" not in i)
    return frozenset(messages)


WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


@lru_cache(maxsize=4)
def english_only_words(language: str) -> frozenset[str]:
    """Words of the English messages that no translation in `language` uses (so "Portal" is out)."""
    english, translated = set(), set()
    for path in Path(settings.PROJECT_DIR).rglob(f"locale/{language}/LC_MESSAGES/django.po"):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not message.string:
                    continue
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                english.update(w.lower() for i in ids for w in WORD.findall(re.sub(r"%\(\w+\)s", "", i)))
                translated.update(w.lower() for s in strings for w in WORD.findall(s))
    return frozenset(english - translated)


def english_on_page(
    html: str, language: str, allowed: frozenset[str] = frozenset(), stored: tuple[str, ...] = ()
) -> list[str]:
    """English interface text on a page. `stored` are names Wagtail shows as they are stored (the
    moderation workflow's and task's names, "Awaiting Secretariat approval"): a known gap, taken out of
    the text so that the words around them are still checked."""
    found = []
    messages = english_messages()
    only_english = english_only_words(language)
    with translation.override(language):
        for text in visible_texts(html, language):
            for name in stored:
                text = text.replace(name, "")
            bare = text.strip(" :·.…()—–-")
            if not bare or bare in ALLOWED or text in allowed or bare in allowed or EXAMPLE_MARK in text:
                continue
            exact = text.strip()
            known = exact if exact in messages else bare if bare in messages else ""
            if known and translation.gettext(known) != known:
                found.append(text)
                continue
            if known:  # a message the catalogues do not translate into this language (Wagtail's gaps)
                continue
            words = [w.lower() for w in WORD.findall(bare)]
            english = [w for w in words if w in only_english]
            if len(words) >= 3 and len(english) * 3 >= len(words) * 2:
                found.append(text)
    return sorted(set(found))


def _client(role: str) -> Client:
    client = Client()
    if role != "visitor":
        client.force_login(User.objects.get(username=role))
    return client


def _admin_language(role: str, language: str) -> None:
    """The admin follows the user's language (core.middleware.AdminLanguageMiddleware)."""
    if role != "visitor":
        User.objects.filter(username=role).update(preferred_language=language)


def allowed_content(language: str) -> frozenset[str]:
    """Proper names and reference texts shown in the original because no version in `language` is
    recorded (the UN convention has no official Portuguese text): instrument short names, article
    labels whose title falls back (marked where the page can mark them), organisations' names."""
    from wagtail.models import Revision

    from cyberportal.audit.models import AuditEntry
    from cyberportal.directory.models import Authority
    from cyberportal.states.models import Article, Instrument, Organisation

    # Records' names as the audit trail and Wagtail's revisions recorded them when they were written
    # (the demo writes in English): content kept as it was, not interface.
    recorded = set(AuditEntry.objects.values_list("object_repr", flat=True)) | set(
        Revision.objects.values_list("object_str", flat=True)
    )
    with translation.override(language):
        names = {i.short_name for i in Instrument.objects.all() if language not in (i.translations or {})}
        articles = {str(a) for a in Article.objects.select_related("instrument") if a.title_is_fallback}
        organisations = {str(o) for o in Organisation.objects.all()} | {
            o.name for o in Organisation.objects.all()
        }
    # Example authorities' postal addresses (the demo invents them in English), which the request
    # assistant copies into its form as the requested authority's address: content, not interface.
    addresses = set(
        Authority.objects.filter(is_example=True).exclude(address="").values_list("address", flat=True)
    )
    return frozenset(names | articles | organisations | recorded | addresses | DEMO_CONTENT)


@pytest.mark.parametrize("role", list(PAGES))
def test_no_english_interface_text_on_any_page_a_role_works_in(demo_instance, role):
    from wagtail.models import Task, Workflow

    client = _client(role)
    law = Law.objects.filter(state__code="CO").order_by("pk").first()
    stored = tuple(Workflow.objects.values_list("name", flat=True)) + tuple(
        Task.objects.values_list("name", flat=True)
    )
    problems = []
    for language in LANGUAGES:
        _admin_language(role, language)
        allowed = allowed_content(language)
        for path in PAGES[role]:
            url = path.replace("{lang}", language).replace("{law}", str(law.pk))
            response = client.get(url)
            assert response.status_code == 200, f"{role} {url}: {response.status_code}"
            for text in english_on_page(response.content.decode(), language, allowed, stored):
                problems.append(f"{role} [{language}] {url}: {text!r}")
    assert not problems, "English on a page in another language:\n" + "\n".join(problems)


def test_the_detector_catches_english_and_leaves_marked_content_alone():
    page = (
        '<html lang="es"><body><h1>Estados</h1><p>Closed now</p>'
        '<p lang="en">Convention on Cybercrime</p><button aria-label="Search all pages…">x</button>'
        "<p>Verification dashboard of the contacts</p></body></html>"
    )
    found = english_on_page(page, "es")
    assert "Closed now" in found and "Search all pages…" in found
    assert "Verification dashboard of the contacts" in found
    assert "Convention on Cybercrime" not in found and "Estados" not in found
