"""Events and training: the list and its filters, one event with the materials each reader may see,
the iCalendar feed (parsed back), the training-reach report and its CSV, gender's small-cell rule, the
recommendations' meetings shown as events, and the admin form's hours in the venue's zone."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from icalendar import Calendar

from cyberportal.core.roles import VISITOR, Role
from cyberportal.directory.tests.helpers import client_for
from cyberportal.events import selectors
from cyberportal.events.models import Event, EventMaterial, Participation
from cyberportal.recommendations.models import Body, BodyKind, Meeting
from cyberportal.testing import make_state, make_user

from .helpers import group, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def ar():
    return make_state("AR")


@pytest.fixture
def pe():
    return make_state("PE")


def _calendar(client, query=""):
    response = client.get("/en/events/feed.ics" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _vevents(calendar):
    return [c for c in calendar.walk() if c.name == "VEVENT"]


# --- iCalendar --------------------------------------------------------------------------------------------


def test_feed_is_valid_icalendar_with_tzid_and_a_stable_uid(client):
    event = make_event(summary="Day one, room A\nDay two, room B", venue="Hotel Bolívar, Sala 1")

    first = _calendar(client)
    (vevent,) = _vevents(first)
    assert first["VERSION"] == "2.0"
    assert vevent["UID"] == f"event-{event.pk}@127.0.0.1"
    start = vevent["DTSTART"]
    assert start.params["TZID"] == "America/Lima"
    assert start.dt == datetime.datetime(2026, 3, 10, 9, 0, tzinfo=start.dt.tzinfo)
    assert start.dt.utcoffset() == datetime.timedelta(hours=-5)
    assert [c.name for c in first.walk() if c.name == "VTIMEZONE"] == ["VTIMEZONE"]
    # Text with commas and new lines survives the round trip (the raw feed escapes them).
    assert str(vevent["DESCRIPTION"]) == "Day one, room A\nDay two, room B"
    assert str(vevent["LOCATION"]) == "Hotel Bolívar, Sala 1, Lima"
    raw = client.get("/en/events/feed.ics").content.decode()
    assert "Day one\\, room A\\nDay two\\, room B" in raw
    assert "DTSTART;TZID=America/Lima:20260310T090000" in raw

    event.title = "Renamed workshop"
    event.save()
    (again,) = _vevents(_calendar(client))
    assert again["UID"] == vevent["UID"]
    assert str(again["SUMMARY"]) == "Renamed workshop"


def test_feed_filters_by_state_and_by_topic(client, ar, pe):
    make_event("evidence-lima", topics=["evidence"], host_state=pe)
    make_event("legislation-ar", topics=["legislation"], city="Buenos Aires", participations=[group(ar)])
    make_event(
        "training-online",
        topics=["training"],
        format="online",
        online_url="https://meet.example.org/x",
        city="",
    )

    def titles(query):
        return sorted(str(v["URL"]).rsplit("/", 2)[-2] for v in _vevents(_calendar(client, query)))

    assert titles("") == ["evidence-lima", "legislation-ar", "training-online"]
    assert titles("?state=AR") == ["legislation-ar"]  # by its participants
    assert titles("?state=PE") == ["evidence-lima"]  # by its host state
    assert titles("?topic=legislation") == ["legislation-ar"]
    assert client.get("/en/events/feed.ics?topic=nonsense").status_code == 400
    assert client.get("/en/events/feed.ics?state=ZZ").status_code == 400


def test_state_and_topic_are_the_feeds_declared_cache_params():
    from cyberportal.events import views

    assert views.event_feed.cache_params == frozenset({"state", "topic"})


def test_meetings_are_events_without_being_copied(client):
    body = Body.objects.get_or_create(kind=BodyKind.WORKING_GROUP)[0]
    meeting = Meeting.objects.create(
        body=body, number="XII", slug="working-group-xii", year=2026, place="Washington, D.C.",
        start_date=datetime.date(2026, 5, 4), end_date=datetime.date(2026, 5, 5),
    )  # fmt: skip
    (vevent,) = _vevents(_calendar(client))
    assert vevent["UID"] == f"meeting-{meeting.pk}@127.0.0.1"
    assert vevent["DTSTART"].dt == datetime.date(2026, 5, 4)
    assert vevent["DTEND"].dt == datetime.date(2026, 5, 6)  # exclusive
    assert meeting.get_absolute_url() in client.get("/en/events/").content.decode()

    # Once an event stands for the meeting, the event is shown instead (once, not twice).
    event = make_event("wg-xii", kind="working_group", meeting=meeting, city="Washington, D.C.")
    (vevent,) = _vevents(_calendar(client))
    assert vevent["UID"] == f"event-{event.pk}@127.0.0.1"
    page = client.get(event.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in page
    assert Event.objects.count() == 1


# --- Pages and materials ------------------------------------------------------------------------------------


def _with_materials():
    event = make_event(
        materials=[
            {"title": "Public programme", "url": "https://example.org/programme.pdf", "visibility": "public", "tlp": "clear"},
            {"title": "Case studies for experts", "url": "https://example.org/cases.pdf", "visibility": "experts", "tlp": "amber"},
            {"title": "Secretariat's evaluation", "url": "https://example.org/eval.pdf", "visibility": "secretariat", "tlp": "amber_strict"},
        ]
    )  # fmt: skip
    restricted = EventMaterial.objects.get(title="Secretariat's evaluation")
    restricted.url = ""
    restricted.file.save("evaluation.pdf", ContentFile(b"%PDF-1.4 secret"), save=True)
    return event, restricted


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (VISITOR, {"Public programme"}),
        (Role.EXPERT, {"Public programme", "Case studies for experts"}),
        (Role.FOCAL_POINT, {"Public programme", "Case studies for experts"}),
        (Role.SECRETARIAT, {"Public programme", "Case studies for experts", "Secretariat's evaluation"}),
    ],
)
def test_restricted_materials_never_reach_those_who_may_not_see_them(client, role, sees, ar):
    event, restricted = _with_materials()
    user = make_user(role, ar)
    reader = client if role == VISITOR else client_for(user)
    page = reader.get(event.get_absolute_url()).content.decode()
    titles = {"Public programme", "Case studies for experts", "Secretariat's evaluation"}
    for title in titles:
        assert (title.replace("'", "&#x27;") in page) == (title in sees), title
    assert ("evaluation.pdf" in page or restricted.file.url in page) == ("Secretariat's evaluation" in sees)
    download = reader.get(f"/en/events/materials/{restricted.pk}/")
    if "Secretariat's evaluation" in sees:
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 secret"
    else:
        assert download.status_code in (302, 404)
        missing = reader.get("/en/events/materials/999999/")
        assert missing.status_code == download.status_code  # the same answer as a missing one


def test_restricted_materials_stay_out_of_the_feed_and_list(client):
    _with_materials()
    for url in ("/en/events/", "/en/events/feed.ics"):
        assert b"Case studies" not in client.get(url).content


def test_material_labels_must_agree_with_its_visibility():
    event = make_event()
    with pytest.raises(ValidationError) as error:
        EventMaterial(
            event=event, title="x", url="https://example.org", visibility="public", tlp="amber"
        ).full_clean()
    assert "tlp" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventMaterial(
            event=event, title="x", url="https://example.org", visibility="state", tlp="amber"
        ).full_clean()
    assert "visibility" in error.value.message_dict
    with pytest.raises(ValidationError):
        EventMaterial(event=event, title="x", visibility="public", tlp="clear").full_clean()


def test_list_detail_and_filters(client, ar):
    event = make_event(participations=[group(ar, count=12)])
    page = client.get("/en/events/").content.decode()
    assert event.title in page and "example" in page.lower()
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "America/Lima" in detail and "OAS Technical Secretariat" in detail
    assert (
        client.get(f"/en/events/{event.pk}/").status_code == 301
        or client.get(f"/en/events/{event.pk}/").status_code == 302
    )
    assert client.get("/en/events/no-such-event/").status_code == 404
    for year in ("²⁰²⁶", "٢٠٢٦", "20261", "-1"):  # digits that int() reads, or not a year
        assert "is not a valid choice" in client.get(f"/en/events/?year={year}").content.decode()
        assert client.get(f"/en/events/reach.csv?year={year}").status_code == 400
    bad = client.get("/en/events/?state=ZZZ&topic=nope&kind=party").content.decode()
    assert "“ZZZ” is not a valid choice" in bad and "“nope”" in bad and "“party”" in bad
    for lang in ("es", "pt", "fr"):
        assert client.get(f"/{lang}/events/").status_code == 200


def test_an_event_is_validated_whole_and_nothing_is_half_saved(ar):
    with pytest.raises(ValidationError) as error:
        make_event(ends_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC), participations=[group(ar)])
    assert "ends_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_event(participations=[group(ar, count=4, women=3, men=2)])
    assert "women" in error.value.message_dict
    with pytest.raises(ValidationError):
        make_event(format="online", online_url="")
    assert not Event.objects.exists() and not Participation.objects.exists()


# --- Reach and gender -----------------------------------------------------------------------------------------


def _reach_data(ar, pe):
    make_event(
        "course-2025", kind="course", topics=["evidence", "legislation"],
        starts_at=datetime.datetime(2025, 6, 2, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 6, 3, 17, tzinfo=datetime.UTC),
        participations=[group(ar, "prosecution", 7, women=3, men=4), group(ar, "judiciary", 2)],
    )  # fmt: skip
    make_event(
        "workshop-2026", topics=["evidence"],
        participations=[
            group(ar, "prosecution", 12, women=6, men=6),
            group(ar, "police", 5, women=1, men=4),
            group(pe, "police", 20, women=8, men=12),
            group(pe, "prosecution", 3, role="speaker"),  # speakers are not trained
        ],
    )  # fmt: skip
    make_event(
        "wg-2026", kind="working_group", topics=["evidence"],
        participations=[group(pe, "ministry", 9)],  # a meeting trains no one
    )  # fmt: skip


def test_reach_is_computed_from_participants(ar, pe):
    _reach_data(ar, pe)
    rows = {(r.year, r.key): r for r in selectors.reach_by_state(selectors.filters_from({}))}
    assert set(rows) == {(2025, "AR"), (2026, "AR"), (2026, "PE")}
    assert rows[2025, "AR"].by_kind == {"prosecution": 7, "judiciary": 2}
    assert rows[2026, "AR"].by_kind == {"prosecution": 12, "police": 5} and rows[2026, "AR"].total == 17
    assert rows[2026, "PE"].by_kind == {"police": 20}

    topics = {(r.year, r.key): r.total for r in selectors.reach_by_topic(selectors.filters_from({}))}
    assert topics == {(2025, "evidence"): 9, (2025, "legislation"): 9, (2026, "evidence"): 37}

    only_ar_legislation = selectors.reach_by_state(
        selectors.filters_from({"state": "AR", "topic": "legislation"})
    )
    assert [(r.year, r.total) for r in only_ar_legislation] == [(2025, 9)]


def test_gender_is_suppressed_below_five(ar, pe):
    _reach_data(ar, pe)
    rows = {(r.year, r.key): r for r in selectors.reach_by_state(selectors.filters_from({}))}
    # AR 2025: 3 women, 4 men: both hidden (either one would give the other away).
    assert rows[2025, "AR"].gender.women is None and rows[2025, "AR"].gender.suppressed
    # AR 2026: 7 women, 10 men.
    assert (rows[2026, "AR"].gender.women, rows[2026, "AR"].gender.men) == (7, 10)
    assert (rows[2026, "PE"].gender.women, rows[2026, "PE"].gender.men) == (8, 12)
    assert selectors.gender_split(4, 40).suppressed and selectors.gender_split(5, 5).women == 5
    assert not selectors.gender_split(None, None).suppressed


def test_event_page_hides_a_small_gender_count(client, ar):
    event = make_event(participations=[group(ar, count=9, women=2, men=7)])
    page = client.get(event.get_absolute_url()).content.decode()
    assert "9 people took part" in page
    assert "Women:" not in page and "not shown" in page


def test_reach_page_and_csv(client, ar, pe):
    _reach_data(ar, pe)
    page = client.get("/en/events/reach/")
    assert page.status_code == 200
    response = client.get("/en/events/reach.csv?by=state")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Year", "Code", "State", "Prosecution"]
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key["2026", "AR"][3:6] == ["12", "0", "5"] and by_key["2026", "AR"][9:] == ["17", "7", "10"]
    assert by_key["2025", "AR"][-2:] == ["", ""]  # suppressed, not zero
    topic = list(
        csv.reader(
            io.StringIO(client.get("/en/events/reach.csv?by=topic&state=PE").content.decode("utf-8-sig"))
        )
    )
    assert [r[:2] for r in topic[1:]] == [["2026", "evidence"]]
    assert client.get("/en/events/reach.csv?by=nothing").status_code == 400


# --- Admin ------------------------------------------------------------------------------------------------------


def test_admin_form_reads_hours_in_the_venues_zone(ar):
    from cyberportal.events.admin_forms import EventAdminForm

    form_class = Event.get_edit_handler().get_form_class()
    assert issubclass(form_class, EventAdminForm)
    user = make_user(Role.SECRETARIAT, ar)
    data = {
        "title": "Course in Brasília", "slug": "course-brasilia", "kind": "course", "text_language": "pt",
        "starts_at": "2026-09-01 09:00", "ends_at": "2026-09-03 17:00", "time_zone": "America/Sao_Paulo",
        "format": "in_person", "city": "Brasília", "languages": ["pt"],
        "materials-TOTAL_FORMS": "0", "materials-INITIAL_FORMS": "0",
        "materials-MIN_NUM_FORMS": "0", "materials-MAX_NUM_FORMS": "1000",
        "participations-TOTAL_FORMS": "0", "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0", "participations-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    form = form_class(data=data, instance=Event(), for_user=user)
    assert form.is_valid(), form.errors
    event = form.save()
    assert event.starts_at == datetime.datetime(2026, 9, 1, 12, 0, tzinfo=datetime.UTC)
    again = form_class(instance=event, for_user=user)
    assert again.initial["starts_at"] == datetime.datetime(2026, 9, 1, 9, 0)


# --- Demo ---------------------------------------------------------------------------------------------------------


def test_demo_programme_loads_once_and_is_labelled_as_examples(client):
    from cyberportal.demo.events import EVENTS, events_load

    for code in ("PE", "CO", "EC", "BO", "CL", "MX", "TT", "US", "AR", "BR"):
        make_state(code)
    events_load()
    counts = (Event.objects.count(), EventMaterial.objects.count(), Participation.objects.count())
    events_load()
    assert (Event.objects.count(), EventMaterial.objects.count(), Participation.objects.count()) == counts
    assert counts[0] == len(EVENTS) and counts[2] > 20
    assert not Event.objects.filter(is_example=False).exists()
    assert {e.starts_at.year for e in Event.objects.all()} == {2026}
    assert client.get("/en/events/reach/").status_code == 200
    calendar = _calendar(client)
    assert len(_vevents(calendar)) == len(EVENTS)


def test_event_page_shows_the_venues_hours_whatever_the_servers_zone(client, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "March 10, 2026, 9 a.m." in page and "March 12, 2026, 5 p.m." in page


def test_an_event_cannot_take_the_address_of_another_page():
    with pytest.raises(ValidationError) as error:
        make_event("reach")
    assert "slug" in error.value.message_dict


def test_events_changed_in_a_window_are_the_bulletins_changes():
    """The bulletin asks core.changes; events answer with what was announced or changed in the window."""
    from cyberportal.core.changes import changes_between

    before = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    event = make_event()
    changes = [c for c in changes_between(before, event.updated_at) if c.source == "events"]
    assert [c.title for c in changes] == [event.title]
    assert changes[0].url == event.get_absolute_url() and changes[0].language == event.text_language
    assert not [c for c in changes_between(event.updated_at, event.updated_at) if c.source == "events"]
