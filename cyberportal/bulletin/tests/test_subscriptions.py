"""Subscribing with double opt-in, unsubscribing in one click (RFC 8058), and bounces."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from cyberportal.bulletin import services
from cyberportal.bulletin.models import Subscriber, SubscriberStatus

from .helpers import make_subscriber

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _fresh_counters():
    caches["default"].clear()
    yield
    caches["default"].clear()


def _subscribe(client, email, language="es"):
    return client.post("/en/bulletin/subscribe/", {"email": email, "language": language})


def _confirm_path(message) -> str:
    line = next(line for line in message.body.splitlines() if "/bulletin/confirm/" in line)
    return line[line.index("/", line.index("://") + 3) :].strip()


def test_subscribing_sends_a_confirmation_in_the_chosen_language_and_nothing_starts_before_it(client):
    response = _subscribe(client, "Maria@Fiscalia.example", "es")

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.status) == (
        "Maria@fiscalia.example",
        "es",
        SubscriberStatus.PENDING,
    )
    [message] = mail.outbox
    assert message.subject == "Confirme su suscripción al Boletín de Cooperación Jurídica"
    path = _confirm_path(message)
    assert path.startswith("/es/bulletin/confirm/")

    assert client.get(path).status_code == 200  # a link scanner's visit confirms nothing
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING

    assert client.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIVE and subscriber.confirmed_at


def test_the_answer_never_tells_whether_an_address_is_subscribed(client):
    make_subscriber("known@example.org")

    known = _subscribe(client, "known@example.org", "en")
    unknown = _subscribe(client, "unknown@example.org", "en")

    assert known.status_code == unknown.status_code == 200
    strip = lambda r, e: r.content.decode().replace(e, "")  # noqa: E731
    assert strip(known, "known@example.org") == strip(unknown, "unknown@example.org")
    assert [m.to for m in mail.outbox] == [["unknown@example.org"]]  # the subscribed holder is not pestered


def test_an_expired_link_is_refused_and_a_forged_one_too(client):
    subscriber = make_subscriber("late@example.org", status=SubscriberStatus.PENDING)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 73 * 3600):
        old = services.confirmation_token(subscriber)

    response = client.post(f"/en/bulletin/confirm/{old}/")
    assert response.status_code == 410
    assert "has expired" in response.content.decode()

    forged = services.confirmation_token(subscriber)[:-4] + "AAAA"
    response = client.post(f"/en/bulletin/confirm/{forged}/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()

    other = make_subscriber("other@example.org", status=SubscriberStatus.PENDING)
    signed_for_other = services.confirmation_token(other)
    other.email = "changed@example.org"
    other.save()
    assert client.post(f"/en/bulletin/confirm/{signed_for_other}/").status_code == 400

    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_bad_input_names_the_field_and_saves_nothing(client):
    response = client.post("/en/bulletin/subscribe/", {"email": "not-an-address", "language": "xx"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "“not-an-address” is not a valid e-mail address" in body and "xx" in body
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_the_form_is_rate_limited_per_client(client, settings):
    settings.BULLETIN_SUBSCRIBE_PER_HOUR = 2
    assert _subscribe(client, "a@example.org").status_code == 200
    assert _subscribe(client, "b@example.org").status_code == 200

    response = _subscribe(client, "c@example.org")

    assert response.status_code == 429 and response["Retry-After"]
    assert not Subscriber.objects.filter(email="c@example.org").exists()


def test_one_address_gets_few_confirmations_whoever_asks(client):
    for _n in range(5):
        _subscribe(client, "victim@example.org")

    assert len(mail.outbox) == 3


def test_one_click_unsubscribe_needs_no_cookie_or_form_token_and_is_idempotent():
    subscriber = make_subscriber("leave@example.org")
    mail_client = Client(enforce_csrf_checks=True)  # what a mail provider's POST looks like
    path = f"/en/bulletin/unsubscribe/{subscriber.token}/"

    for _n in range(2):
        response = mail_client.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_the_unsubscribe_page_asks_first_and_unknown_links_are_refused(client):
    subscriber = make_subscriber("page@example.org")
    path = f"/fr/bulletin/unsubscribe/{subscriber.token}/"

    page = client.get(path)
    assert page.status_code == 200 and "Se désabonner" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIVE

    assert client.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert client.get("/en/bulletin/unsubscribe/forged-token/").status_code == 404
    assert client.post("/en/bulletin/unsubscribe/forged-token/").status_code == 404


def test_hard_bounces_from_dsn_files_stop_an_address_after_the_limit(settings):
    settings.BULLETIN_HARD_BOUNCE_LIMIT = 2
    gone = make_subscriber("gone@example.org")
    full = make_subscriber("full@example.org")
    dsn = str(DATA / "dsn_hard.eml")

    call_command("bulletin_bounces", dsn, stdout=StringIO())
    gone.refresh_from_db()
    assert (gone.hard_bounces, gone.status) == (1, SubscriberStatus.ACTIVE)

    call_command("bulletin_bounces", str(DATA / "dsn_soft.eml"), stdout=StringIO())
    full.refresh_from_db()
    assert full.hard_bounces == 0  # a full mailbox (4.2.2, delayed) is not a hard bounce

    call_command("bulletin_bounces", dsn, "--dry-run", stdout=StringIO())
    gone.refresh_from_db()
    assert gone.hard_bounces == 1

    call_command("bulletin_bounces", dsn, stdout=StringIO())
    gone.refresh_from_db()
    assert (gone.hard_bounces, gone.status) == (2, SubscriberStatus.BOUNCING)


def test_bounces_from_a_list_of_addresses(tmp_path):
    subscriber = make_subscriber("listed@example.org")
    other = make_subscriber("soft@example.org")
    listing = tmp_path / "bounces.txt"
    listing.write_text("# from the provider's report\nlisted@example.org\nsoft@example.org soft\n")

    call_command("bulletin_bounces", str(listing), stdout=StringIO())

    subscriber.refresh_from_db()
    other.refresh_from_db()
    assert (subscriber.hard_bounces, other.hard_bounces) == (1, 0)


def test_confirming_again_restores_a_bouncing_address(client):
    subscriber = make_subscriber("back@example.org", status=SubscriberStatus.BOUNCING)
    subscriber.hard_bounces = 3
    subscriber.save()

    _subscribe(client, "back@example.org", "pt")
    client.post(_confirm_path(mail.outbox[0]))

    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.hard_bounces, subscriber.language) == (
        SubscriberStatus.ACTIVE,
        0,
        "pt",
    )
