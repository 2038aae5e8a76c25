"""API tokens (issue 18, item 2): issued and revoked on the tokens page, stored hashed, shown once, read
exactly as their account, refused with 401 when bad, stopped at once by a deactivation or a role change,
audited, and limited per token."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from cyberportal.api import services
from cyberportal.api.models import ApiToken
from cyberportal.api.tests.test_same_as_pages import _api_ids
from cyberportal.audit.models import AuditEntry
from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _token(user, **kwargs):
    return services.token_create(actor=kwargs.pop("actor", user), user=user, name="script", **kwargs)


def test_a_token_is_stored_hashed_and_named_by_its_prefix(portal):
    expert = make_user("expert", portal["ar"], username="expert-ar")
    token, secret = _token(expert)
    assert secret.startswith(token.prefix) and len(secret) > 40
    assert secret not in {token.digest, token.prefix}
    assert not ApiToken.objects.filter(digest__contains=secret[12:20]).exclude(pk=token.pk).exists()
    assert token.expires_at - timezone.now() > datetime.timedelta(days=89)


def test_a_token_reads_what_its_account_reads_and_no_more(portal):
    co_focal = make_user("focal_point", portal["co"], username="focal-co")
    br_focal = make_user("focal_point", portal["br"], username="focal-br")
    _t, co_secret = _token(co_focal)
    _t, br_secret = _token(br_focal)
    anonymous = Client()
    co_pages, br_pages = Client(), Client()
    co_pages.force_login(co_focal)
    br_pages.force_login(br_focal)
    laws = portal["laws"]
    for secret, pages in [(co_secret, co_pages), (br_secret, br_pages)]:
        with_token = sorted(_api_ids(Client(**_bearer(secret)), "/api/v1/laws/"))
        assert with_token == sorted(_api_ids(pages, "/api/v1/laws/"))
    assert laws["state"].pk in _api_ids(Client(**_bearer(co_secret)), "/api/v1/laws/")
    assert laws["state"].pk not in _api_ids(Client(**_bearer(br_secret)), "/api/v1/laws/")
    assert laws["secretariat"].pk not in _api_ids(Client(**_bearer(co_secret)), "/api/v1/laws/")
    assert laws["experts"].pk not in _api_ids(anonymous, "/api/v1/laws/")
    # Another state's token cannot open CO's state-only law.
    answer = Client().get(f"/api/v1/laws/{laws['state'].pk}/", **_bearer(br_secret))
    assert answer.status_code == 404


@pytest.mark.parametrize(
    ("header", "error"),
    [("Bearer cpt_nothing-like-a-real-token", "invalid_token"), ("Basic dXNlcjpwYXNz", "invalid_request"),
     ("Bearer ", "invalid_request"), ("Bearer " + "x" * 500, "invalid_token")],
)  # fmt: skip
def test_a_bad_token_answers_401_with_www_authenticate(portal, header, error):
    response = Client().get("/api/v1/laws/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith('Bearer realm="cyberportal"')
    assert f'error="{error}"' in response["WWW-Authenticate"]
    assert response.json()["detail"]


def _refused(secret):
    response = Client().get("/api/v1/laws/", **_bearer(secret))
    return response.status_code == 401 and "invalid_token" in response["WWW-Authenticate"]


def test_revoked_expired_deactivated_or_downgraded_tokens_stop_at_once(portal):
    focal = make_user("focal_point", portal["co"], username="focal-co")
    revoked, revoked_secret = _token(focal)
    _t, downgraded_secret = _token(focal)
    expired, expired_secret = _token(focal)
    assert Client().get("/api/v1/laws/", **_bearer(revoked_secret)).status_code == 200
    services.token_revoke(actor=focal, token=revoked, request=None)
    assert _refused(revoked_secret)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _refused(expired_secret)
    focal.role = "expert"
    focal.save()
    assert _refused(downgraded_secret)
    expert = make_user("expert", portal["ar"], username="expert-ar")
    _t, expert_secret = _token(expert)
    expert.is_active = False
    expert.save()
    assert _refused(expert_secret)


def test_the_rules_of_issuing(portal):
    expert = make_user("expert", portal["ar"], username="expert-ar")
    other = make_user("expert", portal["br"], username="expert-br")
    with pytest.raises(ValidationError) as error:
        _token(expert, scope="write", days=400)
    assert set(error.value.message_dict) == {"scope", "days"}
    assert "400" in error.value.message_dict["days"][0]
    with pytest.raises(PermissionDenied):
        _token(other, actor=expert)  # a personal token for somebody else
    with pytest.raises(PermissionDenied):
        _token(other, actor=expert, kind="system", system="A tracker")
    token, _secret = _token(other, actor=portal["secretariat"], kind="system", system="UNODC tracker")
    assert token.user == other and token.created_by == portal["secretariat"]
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=expert, token=token)
    unvetted = make_user("expert", portal["ar"], username="applicant")
    unvetted.role = ""
    unvetted.save()
    with pytest.raises(ValidationError):
        _token(unvetted)
    assert not ApiToken.objects.filter(user=unvetted).exists()


def test_uses_are_audited_once_per_window_with_their_count(portal):
    expert = make_user("expert", portal["ar"], username="expert-ar")
    token, secret = _token(expert)
    client = Client(**_bearer(secret))
    for _ in range(3):
        assert client.get("/api/v1/laws/").status_code == 200
    assert client.get("/api/v1/states/").status_code == 200
    uses = AuditEntry.objects.filter(object_type="api.apitoken", object_id=str(token.pk), action="view")
    assert sorted(e.changes["endpoint"] for e in uses) == ["/api/v1/laws/", "/api/v1/states/"]
    assert all(e.actor == expert and e.changes["token"] == token.prefix for e in uses)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_each_token_has_its_own_rate_limit(portal, settings):
    settings.API_REQUESTS_PER_MINUTE = 100
    expert = make_user("expert", portal["ar"], username="expert-ar")
    _t, slow = _token(expert, requests_per_minute=2)
    _t, other = _token(expert)
    client = Client(**_bearer(slow))
    assert [client.get("/api/v1/states/").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/laws/")["Retry-After"] == "60"
    answer = Client(**_bearer(other)).get("/api/v1/states/")
    assert answer.status_code == 200 and answer["X-RateLimit-Limit"] == "60"


def test_the_tokens_page_shows_the_secret_once_and_revokes(portal):
    expert = make_user("expert", portal["ar"], username="expert-ar")
    client = Client()
    client.force_login(expert)
    assert "api-tokens" in client.get("/en/accounts/profile/").content.decode()
    response = client.post(
        "/en/accounts/tokens/",
        {
            "kind": "personal",
            "personal-name": "nightly sync",
            "personal-scope": "read",
            "personal-days": "30",
        },
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=expert)
    secret = response.context["secret"]
    assert secret in response.content.decode() and token.digest == services.token_digest(secret)
    page = client.get("/en/accounts/tokens/").content.decode()
    assert secret not in page and token.prefix in page
    bad = client.post(
        "/en/accounts/tokens/",
        {"kind": "personal", "personal-name": "x", "personal-scope": "write", "personal-days": "90"},
    )
    assert bad.status_code == 400 and "write tokens" in bad.content.decode()
    assert client.post(f"/en/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert _refused(secret)


def test_another_user_cannot_see_or_revoke_my_token(portal):
    mine = make_user("expert", portal["ar"], username="expert-ar")
    token, secret = _token(mine)
    intruder = Client()
    intruder.force_login(make_user("focal_point", portal["br"], username="focal-br"))
    assert token.prefix not in intruder.get("/en/accounts/tokens/").content.decode()
    assert intruder.post(f"/en/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert not _refused(secret)
    visitor = Client().get("/en/accounts/tokens/")
    assert visitor.status_code == 302


def test_the_secretariat_issues_a_system_token(portal):
    account = make_user("expert", portal["br"], username="tracker-br")
    client = Client()
    client.force_login(portal["secretariat"])
    response = client.post(
        "/en/accounts/tokens/",
        {"kind": "system", "system-name": "tracker", "system-scope": "read", "system-days": "365",
         "system-username": "tracker-br", "system-system": "UNODC SHERLOC", "system-requests_per_minute": "30"},
    )  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:2000]
    token = ApiToken.objects.get(user=account)
    assert token.kind == "system" and token.requests_per_minute == 30
    missing = client.post(
        "/en/accounts/tokens/",
        {"kind": "system", "system-name": "t", "system-scope": "read", "system-days": "9",
         "system-username": "nobody-here", "system-system": "X", "system-requests_per_minute": "30"},
    )  # fmt: skip
    assert missing.status_code == 400 and "nobody-here" in missing.content.decode()


def test_guessing_tokens_is_rate_limited_by_address(portal, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    client = Client(REMOTE_ADDR="203.0.113.9")
    answers = [
        client.get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer cpt_guess{n}").status_code for n in range(4)
    ]
    assert answers == [401, 401, 401, 429]
