"""The permission matrix for the directory: role × own/other state × visibility × action, on every surface."""

import pytest
import vobject

from cyberportal.core import policy
from cyberportal.core.roles import VISITOR
from cyberportal.directory.models import Contact, FinderRule
from cyberportal.testing import OWN, expected, make_state, make_user, matrix_cases

from .helpers import client_for, make_authority, make_contact

pytestmark = pytest.mark.django_db


def _user(role, state_kind, owner, other):
    if role == VISITOR:
        return make_user(role)
    if role == "secretariat":
        return make_user(role, None)
    return make_user(role, owner if state_kind == OWN else other)


@pytest.fixture
def states(db):
    return make_state("AR"), make_state("BR")


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases())
def test_contacts_follow_the_policy(role, state_kind, visibility, action, states):
    owner, other = states
    contact = make_contact(make_authority(owner), visibility=visibility)
    user = _user(role, state_kind, owner, other)

    assert policy.allows(user, action, contact) is expected(role, state_kind, visibility, action)
    if action == "view":
        assert Contact.objects.visible_to(user).filter(pk=contact.pk).exists() is expected(
            role, state_kind, visibility, "view"
        )
    if action == "edit":
        assert Contact.objects.editable_by(user).filter(pk=contact.pk).exists() is expected(
            role, state_kind, visibility, "edit"
        )


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["view"]))
def test_every_page_and_export_shows_a_contact_only_to_those_allowed(
    role, state_kind, visibility, action, states
):
    owner, other = states
    authority = make_authority(owner)
    contact = make_contact(authority, "Contacto Matriz", visibility=visibility)
    client = client_for(_user(role, state_kind, owner, other))
    allowed = expected(role, state_kind, visibility, "view")

    for url in [
        "/en/directory/",
        "/en/directory/?state=AR&role=poc_247",
        f"/en/directory/authorities/{authority.pk}/",
        "/en/states/ar/",
    ]:
        assert ("Contacto Matriz" in client.get(url).content.decode()) is allowed, url
    assert (client.get(f"/en/directory/contacts/{contact.pk}/").status_code == 200) is allowed
    assert (client.get(f"/en/directory/contacts/{contact.pk}/vcard/").status_code == 200) is allowed
    cards = list(vobject.readComponents(client.get("/en/directory/export.vcf").content.decode()))
    assert ("Contacto Matriz" in {c.fn.value for c in cards}) is allowed
    assert ("Contacto Matriz" in client.get("/en/directory/export.csv").content.decode()) is allowed
    finder = client.get(
        "/en/directory/finder/", {"state": "AR", "measure": "preservation", "urgency": "urgent"}
    )
    assert ("Contacto Matriz" in finder.content.decode()) is allowed


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["edit"]))
def test_the_admin_edit_view_follows_the_policy(role, state_kind, visibility, action, states):
    owner, other = states
    contact = make_contact(make_authority(owner), visibility=visibility)
    user = _user(role, state_kind, owner, other)
    client = client_for(user)

    response = client.get(f"/admin/snippets/directory/contact/edit/{contact.pk}/")

    if expected(role, state_kind, visibility, "edit"):
        assert response.status_code == 200
    else:
        assert response.status_code in {302, 403, 404}
        if response.status_code == 302:
            # To a sign-in page (the portal's, which the admin's sign-in redirects to) or the admin's home.
            location = response["Location"]
            assert (
                "/accounts/login/" in location
                or "/admin/login/" in location
                or location.rstrip("/") == "/admin"
                or "/accounts/admin-sign-in/" in location
            )
            if "/accounts/admin-sign-in/" in location:
                # Wagtail's refusal goes through the portal: an anonymous visitor is sent on to sign
                # in, a signed-in user who is not an editor gets the portal's 403 page.
                followed = client.get(location)
                if role == VISITOR:  # anonymous: sent on to the portal's sign-in
                    assert followed.status_code == 302 and "/accounts/login/" in followed["Location"]
                else:
                    assert followed.status_code == 403


def test_a_focal_point_lists_only_their_states_contacts_in_the_admin(states):
    owner, other = states
    make_contact(make_authority(owner), "Propio")
    make_contact(make_authority(other, name="Outra"), "Alheio")
    client = client_for(make_user("focal_point", owner))

    listing = client.get("/admin/snippets/directory/contact/").content.decode()

    assert "Propio" in listing and "Alheio" not in listing


def test_a_focal_point_cannot_create_a_contact_under_another_states_authority(states):
    owner, other = states
    foreign = make_authority(other, name="Outra")
    client = client_for(make_user("focal_point", owner))
    data = {
        "authority": foreign.pk,
        "name": "Intruso",
        "language": "es",
        "visibility": "public",
        "languages_spoken": [],
        "phones-TOTAL_FORMS": "0",
        "phones-INITIAL_FORMS": "0",
        "phones-MIN_NUM_FORMS": "0",
        "phones-MAX_NUM_FORMS": "1000",
        "emails-TOTAL_FORMS": "0",
        "emails-INITIAL_FORMS": "0",
        "emails-MIN_NUM_FORMS": "0",
        "emails-MAX_NUM_FORMS": "1000",
    }

    response = client.post("/admin/snippets/directory/contact/add/", data)

    assert response.status_code == 200  # the form again, with the error
    assert not Contact.objects.filter(name="Intruso").exists()


def test_the_admin_saves_a_revision_and_normalises_phones(states):
    owner, _other = states
    authority = make_authority(owner)
    client = client_for(make_user("focal_point", owner))
    data = {
        "authority": authority.pk,
        "name": "Nueva",
        "language": "es",
        "visibility": "experts",
        "languages_spoken": ["es"],
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "0",
        "phones-MIN_NUM_FORMS": "0",
        "phones-MAX_NUM_FORMS": "1000",
        "phones-0-kind": "office",
        "phones-0-number": "011 5555-0147",
        "phones-0-ORDER": "1",
        "emails-TOTAL_FORMS": "0",
        "emails-INITIAL_FORMS": "0",
        "emails-MIN_NUM_FORMS": "0",
        "emails-MAX_NUM_FORMS": "1000",
    }

    response = client.post("/admin/snippets/directory/contact/add/", data)

    if response.status_code != 302:
        import re

        errors = re.findall(r"(?:error|invalid)[^<]{0,200}", response.content.decode())
        raise AssertionError(errors[:20])
    contact = Contact.objects.get(name="Nueva")
    assert [p.number for p in contact.phones.all()] == ["+541155550147"]
    assert contact.revisions.count() == 1


@pytest.mark.parametrize("role", [VISITOR, "expert", "focal_point", "secretariat"])
def test_signed_in_pages_answer_by_role(role, states):
    owner, _other = states
    user = make_user(role, None if role in {VISITOR, "secretariat"} else owner)
    client = client_for(user)
    codes = {
        url: client.get(url).status_code
        for url in ["/en/directory/dashboard/", "/en/directory/campaigns/new/", "/en/directory/corrections/"]
    }
    want = {
        VISITOR: {
            "/en/directory/dashboard/": 302,
            "/en/directory/campaigns/new/": 302,
            "/en/directory/corrections/": 302,
        },
        "expert": {
            "/en/directory/dashboard/": 403,
            "/en/directory/campaigns/new/": 403,
            "/en/directory/corrections/": 403,
        },
        "focal_point": {
            "/en/directory/dashboard/": 200,
            "/en/directory/campaigns/new/": 403,
            "/en/directory/corrections/": 200,
        },
        "secretariat": {
            "/en/directory/dashboard/": 200,
            "/en/directory/campaigns/new/": 200,
            "/en/directory/corrections/": 200,
        },
    }[role]
    assert codes == want


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["view"]))
def test_finder_rules_are_shown_only_to_those_allowed(role, state_kind, visibility, action, states):
    owner, other = states
    authority = make_authority(owner)
    make_contact(authority, "Publico", roles=["central_authority"])
    FinderRule.objects.create(
        state=owner,
        measure="extradition",
        authority=authority,
        visibility=visibility,
        domestic_citation="Ley secreta 1",
    )
    client = client_for(_user(role, state_kind, owner, other))
    page = client.get(
        "/en/directory/finder/", {"state": "AR", "measure": "extradition", "urgency": "routine"}
    )
    assert ("Ley secreta 1" in page.content.decode()) is expected(role, state_kind, visibility, "view")


def test_the_owner_is_the_authoritys_state_even_when_ids_differ(states):
    owner, other = states
    for index in range(3):  # so that the authority's id is not the state's id on any database
        make_authority(other, name=f"Otra {index}")
    authority = make_authority(owner)
    contact = make_contact(authority, visibility="state")
    assert authority.pk != owner.pk

    assert policy.can_edit(make_user("focal_point", owner), contact)
    assert policy.can_view(make_user("expert", owner), contact)
    assert not policy.can_view(make_user("expert", other), contact)
