"""Finding 7 of issue 11: who may not use the admin gets the portal's own 403 page, and no link to it.

A signed-in expert following the footer's administration link looped between `/admin/` and the sign-in
(Wagtail sent them to the sign-in, which sent a signed-in user back to `next`).
"""

import pytest
from django.test import Client

from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_expert_following_the_admin_link_gets_the_portals_403_page_not_a_loop(state_ar, user_factory):
    client = _client(user_factory(Role.EXPERT, state_ar))
    response = client.get("/admin/", follow=True)
    assert len(response.redirect_chain) <= 2  # a loop would stop at Django's 20-redirect limit
    assert response.status_code == 403
    body = response.content.decode()
    assert "Access denied" in body
    assert 'class="site-header"' in body and 'class="main-nav"' in body  # the portal's header and menu


def test_the_403_page_speaks_the_users_language(state_ar, user_factory):
    expert = user_factory(Role.EXPERT, state_ar)
    expert.preferred_language = "es"
    expert.save()
    response = _client(expert).get("/admin/pages/", follow=True)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Acceso denegado" in body and '<html lang="es">' in body


def test_a_portal_permission_error_uses_the_same_page_in_the_pages_language(state_ar, user_factory):
    response = _client(user_factory(Role.EXPERT, state_ar)).get("/fr/laws/import/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_the_admin_still_opens_for_focal_points_and_the_secretariat(state_ar, user_factory):
    for user in (user_factory(Role.FOCAL_POINT, state_ar), user_factory(Role.SECRETARIAT, None)):
        assert _client(user).get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("/en/laws/", 'href="/admin/"'),
        ("/en/laws/", "/en/laws/import/"),
        ("/en/recommendations/", "/en/recommendations/reports/"),
    ],
)
def test_links_a_user_cannot_use_are_not_shown(url, link, state_ar, user_factory):
    body = _client(user_factory(Role.EXPERT, state_ar)).get(url).content.decode()
    assert link not in body
    assert link not in Client().get(url).content.decode()
    focal_body = _client(user_factory(Role.FOCAL_POINT, state_ar)).get(url).content.decode()
    assert link in focal_body


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        # role: (can_use_admin, can_import_laws, can_report_implementation, must_use_second_factor)
        ("visitor", (False, False, False, False)),
        ("unvetted", (False, False, False, False)),
        (Role.EXPERT, (False, False, False, False)),
        (Role.FOCAL_POINT, (True, True, True, True)),
        (Role.SECRETARIAT, (True, True, True, True)),
        ("superuser", (True, True, True, True)),
    ],
)
def test_the_named_decisions_behind_the_links(role, expected, state_ar, user_factory):
    from django.contrib.auth.models import AnonymousUser

    from cyberportal.accounts import services
    from cyberportal.core import policy

    if role == "visitor":
        user = AnonymousUser()
    elif role == "unvetted":
        user = services.user_create(username="pending", email="p@example.org", password="x" * 20)
    elif role == "superuser":
        from cyberportal.accounts.models import User

        user = User.objects.create_superuser("root", "root@example.org", "x" * 20)
    else:
        user = user_factory(role, state_ar if role != Role.SECRETARIAT else None)
    decisions = (
        policy.can_use_admin(user),
        policy.can_import_laws(user),
        policy.can_report_implementation(user),
        policy.must_use_second_factor(user),
    )
    assert decisions == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    [
        "/\\evil.example/",
        "/\t/evil.example/",
        "//evil.example/",
        "https://evil.example/",
        "/\n/evil.example/",
    ],
)
def test_the_admin_sign_in_never_passes_on_an_address_of_another_site(next_url):
    # Browsers read "/\evil.example" as "//evil.example": only paths of this site go on to the sign-in.
    response = Client().get("/en/accounts/admin-sign-in/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/admin/")


@pytest.mark.django_db
def test_the_admin_sign_in_keeps_a_path_of_this_site():
    response = Client().get("/en/accounts/admin-sign-in/", {"next": "/admin/snippets/laws/law/?q=ley"})
    assert response["Location"].endswith("?next=/admin/snippets/laws/law/%3Fq%3Dley")
