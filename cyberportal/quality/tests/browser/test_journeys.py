"""The journeys of issue 7 in a real browser, with a screenshot of each page at phone and desktop widths.

The visitor's (home → states → a profile → legislation → search → switch language), the expert's (sign in
→ finder → export), the focal point's (edit a law → submit for moderation) chained with the Secretariat's
(approve and publish it, then the public page shows it), and two Secretariat editors on one state.
Every request a page makes must stay on the portal's own origin (checked by the `page` fixtures).
"""

from __future__ import annotations

import re

import pytest
from wagtail.models import WorkflowState

from cyberportal.laws.models import Law
from cyberportal.quality.tests import helpers
from cyberportal.quality.tests.helpers import build_capabilities, build_instance
from cyberportal.states.models import State

from .conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _main_menu(page):
    return page.get_by_role("navigation", name=re.compile("Main|Principal"))


def test_the_visitor_goes_from_home_to_a_profile_its_legislation_search_and_switches_language(
    live_server, page
):
    build_capabilities()
    page.goto(f"{live_server.url}/en/")
    assert page.get_by_role("heading", level=1).inner_text() == "Test portal home"
    screenshot(page, "visitor-1-home")

    _main_menu(page).get_by_role("link", name="States").click()
    page.wait_for_url(re.compile(r"/en/states/$"))
    assert page.get_by_role("link", name=re.compile("Argentina")).count() >= 1
    screenshot(page, "visitor-2-states")

    page.get_by_role("link", name=re.compile("^Colombia")).first.click()
    page.wait_for_url(re.compile(r"/en/states/co/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Colombia")
    assert page.get_by_role("link", name=re.compile(helpers.LAW_IDENTIFIER)).count() >= 1  # its Legislation
    screenshot(page, "visitor-3-profile")

    page.get_by_role("link", name="All laws of this state").click()
    page.wait_for_url(re.compile(r"/en/laws/state/co/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Legislation of Colombia"
    screenshot(page, "visitor-4-state-laws")

    page.locator("main").get_by_role("link", name=re.compile(helpers.LAW_IDENTIFIER)).first.click()
    page.wait_for_url(re.compile(r"/en/laws/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith(helpers.LAW_IDENTIFIER)
    provision = page.locator("section.provision").first
    assert helpers.PROVISION_HEADING in provision.inner_text()
    assert helpers.LAW_SUMMARY in page.locator("main").inner_text()
    screenshot(page, "visitor-5-law")

    _main_menu(page).get_by_role("link", name="Search").click()
    page.wait_for_url(re.compile(r"/en/search/$"))
    page.get_by_label("Search for").fill("illegal access")
    page.locator("main form[role=search]").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/en/search/\?.*q=illegal\+access"))
    # The English words find the Spanish provision through the concept thesaurus.
    results = page.locator("ol.search-results > li")
    assert results.count() == 1
    assert f"Colombia: {helpers.LAW_IDENTIFIER}" in results.first.inner_text()
    screenshot(page, "visitor-6-search")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="español").click()
    page.wait_for_url(re.compile(r"/es/search/\?.*q=illegal\+access"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Buscar en las leyes"
    assert page.locator('.language-switcher a[aria-current="true"]').get_attribute("hreflang") == "es"
    assert page.locator("ol.search-results > li").count() == 1
    screenshot(page, "visitor-7-search-es")


def test_the_expert_signs_in_asks_the_finder_and_exports_only_what_they_may_see(live_server, page):
    build_capabilities()
    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    screenshot(page, "expert-1-sign-in")
    sign_in(page, live_server.url, "expert.ar")

    _main_menu(page).get_by_role("link", name="Who do I contact?").click()
    page.wait_for_url(re.compile(r"/en/directory/finder/$"))
    page.get_by_label("State to ask").select_option("CO")
    page.get_by_label("Measure").select_option("preservation")
    page.get_by_label("Urgency").select_option("emergency")
    screenshot(page, "expert-2-finder")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url(re.compile(r"/en/directory/finder/\?.*state=CO"))
    answer = page.locator("section.finder-answer")
    assert answer.get_by_role("heading", level=2).inner_text() == "In Colombia"
    answer_text = answer.inner_text()
    assert helpers.EXPERTS_CONTACT in answer_text  # the 24/7 desk shared with vetted experts
    assert helpers.STATE_CONTACT not in answer_text and helpers.SECRETARIAT_CONTACT not in answer_text
    screenshot(page, "expert-3-finder-answer")

    answer.get_by_role("link", name=re.compile("Fiscalía General")).first.click()
    page.wait_for_url(re.compile(r"/en/directory/authorities/\d+/$"))
    screenshot(page, "expert-4-authority")
    link = page.get_by_role("link", name="Download the authority and its contacts as vCard")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    ARTIFACTS.mkdir(exist_ok=True)
    saved = ARTIFACTS / "expert-5-authority.vcf"
    download.save_as(saved)
    vcard = saved.read_text(encoding="utf-8")
    assert vcard.startswith("BEGIN:VCARD")
    assert helpers.EXPERTS_CONTACT in vcard and helpers.PUBLIC_CONTACT in vcard
    assert helpers.STATE_CONTACT not in vcard and helpers.SECRETARIAT_CONTACT not in vcard
    # The same address fetched with the expert's session: the type a vCard reader expects.
    response = page.context.request.get(download.url)
    assert response.headers["content-type"].startswith("text/vcard")
    assert "attachment" in response.headers["content-disposition"]


def test_the_focal_point_submits_a_law_the_secretariat_publishes_it_and_visitors_see_it(
    live_server, browser_page
):
    data = build_capabilities()
    law = data["law"]
    new_summary = "Amended summary: adds the offence of identity theft through computer systems."
    law_page = f"{live_server.url}/en/laws/{law.pk}/"

    # The focal point of Colombia edits their state's law and submits it to the Secretariat.
    focal = browser_page()
    sign_in(focal, live_server.url, "focal.co")
    focal.goto(f"{live_server.url}/admin/")
    focal.get_by_role("navigation").get_by_role("button", name="Legislation").click()
    focal.get_by_role("link", name="Laws", exact=True).click()
    focal.wait_for_url(re.compile(r"/admin/snippets/laws/law/$"))
    assert focal.get_by_role("link", name=re.compile(helpers.LAW_IDENTIFIER)).count() == 1
    screenshot(focal, "focal-point-1-laws")
    focal.get_by_role("link", name=re.compile(helpers.LAW_IDENTIFIER)).click()
    focal.wait_for_url(re.compile(rf"/admin/snippets/laws/law/edit/{law.pk}/$"))
    focal.locator("#id_summary").fill(new_summary)
    screenshot(focal, "focal-point-2-edit")
    # The form's main button, not under "More actions" (issue 14).
    focal.get_by_role("button", name="Submit to the Secretariat").click()
    focal.wait_for_url(re.compile(r"/admin/snippets/laws/law/$"))
    assert "has been submitted for moderation" in focal.locator(".messages").inner_text()
    screenshot(focal, "focal-point-3-submitted")

    workflow_state = WorkflowState.objects.get(object_id=str(law.pk))
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert workflow_state.requested_by == data["focal"]
    law.refresh_from_db()
    assert law.summary == helpers.LAW_SUMMARY and law.has_unpublished_changes  # a draft, not yet public

    visitor = browser_page()
    visitor.goto(law_page)
    assert new_summary not in visitor.locator("main").inner_text()

    # The Secretariat finds it awaiting review, reads the change and approves it.
    secretariat = browser_page()
    sign_in(secretariat, live_server.url, "secretariat")
    secretariat.goto(f"{live_server.url}/admin/")
    review = secretariat.locator("section, .w-panel").filter(has_text="Awaiting your review").last
    assert "focal.co" in review.inner_text()
    screenshot(secretariat, "secretariat-1-awaiting-review")
    review.get_by_role("link", name=re.compile(helpers.LAW_IDENTIFIER)).first.click()
    secretariat.wait_for_url(re.compile(rf"/admin/snippets/laws/law/edit/{law.pk}/$"))
    assert secretariat.locator("#id_summary").input_value() == new_summary
    screenshot(secretariat, "secretariat-2-review")
    secretariat.get_by_role("button", name="More actions").click()
    secretariat.get_by_role("button", name="Approve and Publish").click()
    secretariat.wait_for_url(re.compile(r"/admin/snippets/laws/law/"))
    assert f"'{helpers.LAW_IDENTIFIER} (CO)' updated" in secretariat.locator(".messages").inner_text()
    screenshot(secretariat, "secretariat-3-published")

    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    law = Law.objects.get(pk=law.pk)
    assert law.live and not law.has_unpublished_changes and law.summary == new_summary

    # The public page now shows it to every visitor.
    visitor.goto(law_page)
    assert new_summary in visitor.locator("main").inner_text()
    assert helpers.PROVISION_HEADING in visitor.locator("main").inner_text()  # provisions kept
    screenshot(visitor, "visitor-8-published-law")


def test_the_secretariat_signs_in_edits_a_state_in_the_admin_and_saves(live_server, page):
    build_instance()
    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    screenshot(page, "secretariat-4-sign-in")
    sign_in(page, live_server.url, "secretariat")

    state = State.objects.get(code="AR")
    page.goto(f"{live_server.url}/admin/snippets/states/state/edit/{state.pk}/")
    screenshot(page, "secretariat-5-edit-state")
    page.locator("#id_notes").fill("Checked by the Secretariat in a browser journey.")
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/states/state/"))
    screenshot(page, "secretariat-6-saved")

    state.refresh_from_db()
    assert state.notes == "Checked by the Secretariat in a browser journey."
    assert state.revisions.count() == 1


def test_two_editors_saving_the_same_state_do_not_overwrite_each_other(live_server, browser_page):
    build_instance()
    state = State.objects.get(code="AR")
    editors = []
    for _ in range(2):
        page = browser_page()
        sign_in(page, live_server.url, "secretariat")
        page.goto(f"{live_server.url}/admin/snippets/states/state/edit/{state.pk}/")
        editors.append(page)
    first, second = editors

    first.locator("#id_notes").fill("First editor's notes")
    first.get_by_role("button", name=re.compile("^Save")).first.click()
    first.wait_for_url(re.compile(r"/admin/snippets/states/state/$"))
    second.locator("#id_notes").fill("Second editor's notes")
    second.get_by_role("button", name=re.compile("^Save")).first.click()
    second.wait_for_load_state()

    assert "Someone else saved this record" in second.content()
    assert second.locator("#id_notes").input_value() == "Second editor's notes"  # kept what they typed
    screenshot(second, "secretariat-7-conflict")
    second.wait_for_timeout(1500)  # long enough for Wagtail's autosave (500 ms) to have tried
    state.refresh_from_db()
    assert state.notes == "First editor's notes"


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_the_expert_from_brazil_finds_argentinas_247_desk_in_sao_paulo_time_and_exports_it(
    live_server, browser_page, language
):
    """Issue 14: an urgent preservation request from Brazil to Argentina, in the expert's language, with
    the hours in the browser's own zone (São Paulo) and the 24/7 desk first; the clicks are counted."""
    import datetime

    from django.utils import translation

    from cyberportal.directory.tests.helpers import make_authority, make_contact
    from cyberportal.testing import make_user

    build_capabilities()
    argentina = State.objects.get(code="AR")
    authority = make_authority(
        argentina,
        name="Unidad Fiscal Especializada en Ciberdelincuencia (prueba)",
        time_zone="America/Argentina/Buenos_Aires",
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(17, 0),
    )
    make_contact(
        authority, "Mesa 24/7 UFECI (prueba)", roles=["poc_247"], visibility="experts", available_247=True
    )
    make_contact(authority, "Autoridad central (prueba)", roles=["central_authority"], visibility="public")
    make_user("expert", State.objects.get(code="BR"), username="expert.br")  # no time zone in the profile
    with translation.override(language):
        words = {w: translation.gettext(w) for w in ("Who do I contact?", "Find", "Available now", "vCard")}
        state_label, measure_label = translation.gettext("State to ask"), translation.gettext("Measure")
        urgency_label = translation.gettext("Urgency")

    page = browser_page(timezone_id="America/Sao_Paulo")
    sign_in(page, live_server.url, "expert.br")
    page.goto(f"{live_server.url}/{language}/")
    clicks = 0

    _main_menu(page).get_by_role("link", name=words["Who do I contact?"]).click()
    clicks += 1
    page.wait_for_url(re.compile(rf"/{language}/directory/finder/$"))
    assert page.locator('select[name="tz"]').input_value() == "America/Sao_Paulo"  # from the browser
    page.get_by_label(state_label).select_option("AR")
    page.get_by_label(measure_label).select_option("preservation")
    page.get_by_label(urgency_label).select_option("urgent")
    clicks += 3
    page.get_by_role("button", name=words["Find"]).click()
    clicks += 1
    page.wait_for_url(re.compile(rf"/{language}/directory/finder/\?.*state=AR"))
    answer = page.locator("section.finder-answer")
    assert answer.evaluate("el => el.contains(document.activeElement)")  # the focus moved to the answer
    text = answer.inner_text()
    assert "São Paulo" in text and "America/Argentina" not in text
    assert text.index(words["Available now"]) < text.index("Mesa 24/7 UFECI (prueba)")
    screenshot(page, f"expert-br-{language}-finder-answer")

    desk = answer.locator("li.contact-card", has_text="Mesa 24/7 UFECI (prueba)")
    with page.expect_download() as download_info:
        desk.get_by_role("link", name=words["vCard"]).click()
    clicks += 1
    vcard = download_info.value.path().read_text(encoding="utf-8")
    assert vcard.startswith("BEGIN:VCARD") and "Mesa 24/7 UFECI (prueba)" in vcard
    print(f"expert.br [{language}]: Argentina's 24/7 desk found and exported in {clicks} clicks")
    assert clicks <= 6


class Clicks:
    """Counts the clicks of a journey (issue 14 asks for the number per journey)."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        locator.click()
        self.count += 1


def _admin_text(language: str, text: str) -> str:
    """`text` as the admin shows it in `language` (Wagtail's catalogue, or ours)."""
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_the_focal_point_proposes_two_changes_the_secretariat_returns_one_and_publishes_the_other(
    live_server, browser_page, language
):
    """Issue 14's moderation journey, in each interface language: Colombia's focal point updates a contact
    and proposes a treaty status, submitting each; the Secretariat returns the contact with a comment and
    publishes the proposal; the focal point finds the comment on their home."""
    from django.core import mail

    from cyberportal.directory.models import Contact
    from cyberportal.states.models import Instrument, TreatyStatus

    def t(text):
        return _admin_text(language, text)

    data = build_capabilities()
    for user in (data["focal"], data["secretariat"]):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    contact = Contact.objects.get(name=helpers.PUBLIC_CONTACT)
    budapest = Instrument.objects.get(slug="cets-185")
    TreatyStatus.objects.filter(state__code="CO", instrument=budapest).delete()
    comment = "Falta el número de la línea directa."
    new_title = "Directora de asuntos internacionales"
    mail.outbox.clear()

    # The focal point: update a contact, then propose a treaty status, submitting each to the Secretariat.
    focal, clicks = browser_page(locale=language), Clicks()
    sign_in(focal, live_server.url, "focal.co")
    focal.goto(f"{live_server.url}/admin/")
    assert t("Your tasks") in focal.locator("main").inner_text()
    screenshot(focal, f"moderation-{language}-1-focal-home")
    clicks(focal.get_by_role("navigation").get_by_role("button", name=t("Directory")))
    clicks(focal.get_by_role("link", name=t("Contacts"), exact=True))
    clicks(focal.get_by_role("link", name=re.compile(helpers.PUBLIC_CONTACT)).first)
    focal.wait_for_url(re.compile(rf"/admin/snippets/directory/contact/edit/{contact.pk}/$"))
    focal.locator("#id_title").fill(new_title)
    screenshot(focal, f"moderation-{language}-2-focal-contact")
    clicks(focal.get_by_role("button", name=t("Submit to the Secretariat")))
    focal.wait_for_url(re.compile(r"/admin/snippets/directory/contact/$"))

    clicks(focal.get_by_role("navigation").get_by_role("button", name=t("States and instruments")))
    clicks(focal.get_by_role("link", name=t("Treaty status proposals"), exact=True))
    clicks(focal.locator('a[href$="/treatystatusproposal/add/"]').first)
    focal.wait_for_url(re.compile(r"/admin/snippets/states/treatystatusproposal/add/$"))
    assert focal.locator("#id_state").input_value() == str(data["focal"].state_id)  # preselected
    focal.locator("#id_instrument").select_option(str(budapest.pk))
    focal.locator("#id_status").select_option("acceded")
    focal.locator("#id_ratified_on").fill("2020-03-16")
    focal.locator("#id_source_url").fill("https://www.coe.int/en/web/conventions/full-list?treatynum=185")
    screenshot(focal, f"moderation-{language}-3-focal-proposal")
    clicks(focal.get_by_role("button", name=t("Submit to the Secretariat")))
    focal.wait_for_url(re.compile(r"/admin/snippets/states/treatystatusproposal/$"))
    focal_clicks = clicks.count

    contact.refresh_from_db()
    assert contact.title != new_title and contact.has_unpublished_changes  # the published one stays
    assert contact.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # The Secretariat: its home lists both by state; it returns the contact and publishes the proposal.
    secretariat, clicks = browser_page(locale=language), Clicks()
    sign_in(secretariat, live_server.url, "secretariat")
    secretariat.goto(f"{live_server.url}/admin/")
    assert data["focal"].state.name_in(language) in secretariat.locator("main").inner_text()  # by state
    screenshot(secretariat, f"moderation-{language}-4-secretariat-home")
    review = secretariat.locator("main")
    clicks(review.get_by_role("link", name=re.compile(helpers.PUBLIC_CONTACT)).first)
    secretariat.wait_for_url(re.compile(rf"/admin/snippets/directory/contact/edit/{contact.pk}/$"))
    assert secretariat.locator("#id_title").input_value() == new_title
    clicks(secretariat.get_by_role("button", name=t("More actions")))
    clicks(secretariat.get_by_role("button", name=t("Request changes")))
    secretariat.get_by_role("dialog").locator("textarea").fill(comment)
    clicks(secretariat.get_by_role("dialog").get_by_role("button", name=t("Request changes")))
    secretariat.wait_for_url(re.compile(r"/admin/snippets/directory/contact/"))
    screenshot(secretariat, f"moderation-{language}-5-secretariat-returned")

    secretariat.goto(f"{live_server.url}/admin/")
    clicks(secretariat.locator("main").get_by_role("link", name=re.compile("CO – ")).first)
    secretariat.wait_for_url(re.compile(r"/admin/snippets/states/treatystatusproposal/edit/\d+/$"))
    clicks(secretariat.get_by_role("button", name=t("More actions")))
    clicks(secretariat.get_by_role("button", name=re.compile(t("Approve"))).first)
    secretariat.wait_for_url(re.compile(r"/admin/snippets/states/treatystatusproposal/"))
    screenshot(secretariat, f"moderation-{language}-6-secretariat-published")
    secretariat_clicks = clicks.count

    status = TreatyStatus.objects.get(state__code="CO", instrument=budapest)
    assert status.status == "acceded" and "treatynum=185" in status.source_url
    contact.refresh_from_db()
    assert contact.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_focal = [m for m in mail.outbox if m.to == [data["focal"].email]]
    assert any(comment in m.body for m in to_focal)

    # The focal point finds the returned contact, with the comment, on their home.
    focal.goto(f"{live_server.url}/admin/")
    returned = focal.locator("#cyberportal-returned-content, #cyberportal-returned").first
    assert comment in returned.inner_text()
    screenshot(focal, f"moderation-{language}-7-focal-returned")

    print(
        f"\n[{language}] clicks: focal point {focal_clicks} (contact + proposal, submitted), "
        f"Secretariat {secretariat_clicks} (return one, publish the other)"
    )
