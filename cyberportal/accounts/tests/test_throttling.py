"""Finding 12 of issue 11: failed sign-ins count per account (user name and e-mail alike) and per
address, bring growing delays rather than a lock-out that anyone could trigger, and the holder is told."""

import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from cyberportal.accounts import throttle
from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    """A clock the test moves by hand (allauth's per-address counter reads the same one)."""
    cache.clear()
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    yield now
    cache.clear()


def _sign_in(client, login, password):
    return client.post("/en/accounts/login/", {"login": login, "password": password})


def _signed_in(response):
    return response.status_code == 302


def test_user_name_and_e_mail_share_one_counter(state_ar, user_factory):
    expert = user_factory(Role.EXPERT, state_ar, "maria")
    client = Client()
    for attempt in range(throttle.FREE_FAILURES):
        login = expert.username if attempt % 2 else expert.email.upper()
        assert not _signed_in(_sign_in(client, login, "wrong-password"))
    # Five failures under two names are five for the account: even the right password waits now.
    response = _sign_in(client, expert.username, PASSWORD)
    assert not _signed_in(response) and TOO_MANY in response.content.decode()


def test_delays_grow_and_pass_instead_of_a_fixed_lock_out(state_ar, user_factory, _clock):
    user_factory(Role.EXPERT, state_ar, "maria")
    client = Client()
    for _attempt in range(throttle.FREE_FAILURES):
        _sign_in(client, "maria", "wrong-password")
    _clock[0] += 1
    assert TOO_MANY in _sign_in(client, "maria", PASSWORD).content.decode()  # 2 s after the fifth
    _clock[0] += 2
    assert not _signed_in(_sign_in(client, "maria", "wrong-password"))  # the sixth failure: 4 s now
    _clock[0] += 3
    assert TOO_MANY in _sign_in(client, "maria", PASSWORD).content.decode()
    _clock[0] += 2
    assert _signed_in(_sign_in(client, "maria", PASSWORD))  # seconds, not five minutes
    assert [throttle.delay_after(n) for n in range(4, 9)] == [0, 2, 4, 8, 16]
    assert throttle.delay_after(100) == throttle.MAX_DELAY


def test_a_strangers_failures_do_not_hold_back_the_holders_own_browser(state_ar, user_factory, _clock):
    user_factory(Role.EXPERT, state_ar, "maria")
    holder = Client()
    assert _signed_in(_sign_in(holder, "maria", PASSWORD))
    holder.post("/en/accounts/logout/")
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(throttle.FREE_FAILURES + 2):
        _sign_in(stranger, "maria", "wrong-password")
    assert TOO_MANY in _sign_in(stranger, "maria", PASSWORD).content.decode()
    assert _signed_in(_sign_in(holder, "maria", PASSWORD))


def test_the_holder_is_told_once_per_window_in_their_language(state_ar, user_factory, _clock):
    expert = user_factory(Role.EXPERT, state_ar, "maria")
    expert.preferred_language = "fr"
    expert.save()
    client = Client()
    mail.outbox.clear()
    for _attempt in range(throttle.FREE_FAILURES - 1):
        _sign_in(client, "maria", "wrong-password")
    assert mail.outbox == []
    for _attempt in range(4):
        _sign_in(client, "maria", "wrong-password")
        _clock[0] += throttle.MAX_DELAY
    assert [m.to for m in mail.outbox] == [[expert.email]]
    assert (
        "connexion" in mail.outbox[0].subject.lower()
        and "/fr/accounts/password/reset/" in mail.outbox[0].body
    )
    _clock[0] += throttle.WINDOW + throttle.MAX_DELAY  # a new window: told again if it starts again
    cache.delete(f"login-backoff-notice:{expert.pk}")  # locmem expiry does not follow the test's clock
    for _attempt in range(throttle.FREE_FAILURES):
        _sign_in(client, "maria", "wrong-password")
        _clock[0] += throttle.MAX_DELAY
    assert len(mail.outbox) == 2


def test_an_unknown_name_is_delayed_like_a_real_one(db):
    client = Client()
    for _attempt in range(throttle.FREE_FAILURES):
        _sign_in(client, "nobody.at.all", "wrong-password")
    assert TOO_MANY in _sign_in(client, "nobody.at.all", "wrong-password").content.decode()


def test_the_address_limit_still_holds_across_accounts(state_ar, user_factory):
    for index in range(11):
        user_factory(Role.EXPERT, state_ar, f"user{index}")
    client = Client()
    for index in range(10):
        _sign_in(client, f"user{index}", "wrong-password")
    assert TOO_MANY in _sign_in(client, "user10", PASSWORD).content.decode()
