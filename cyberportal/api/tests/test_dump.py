"""The nightly bulk dump (issue 18, item 4): public data only, checksums that match, stable addresses per
date with a latest alias, the worker's task and the command, and a round trip into an empty instance."""

import datetime
import hashlib
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from cyberportal.api import dump, tasks
from cyberportal.api.load import dump_load
from cyberportal.cooperation.models import MeasureSheet
from cyberportal.directory.models import Authority, Contact
from cyberportal.events.models import Event
from cyberportal.laws.models import Law, Provision
from cyberportal.recommendations.models import ImplementationReport, Meeting, Recommendation
from cyberportal.states.models import Instrument, State, TreatyStatus
from cyberportal.statistics.models import Indicator, StatisticsReturn, StatisticValue

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 1)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(media, date=DAY):
    folder = Path(media) / dump.ROOT / date.isoformat()
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_the_dump_holds_public_data_only(portal, media):
    built = dump.dump_build(DAY)
    files = _files(media)
    laws = portal["laws"]
    public = {laws["public"].pk, laws["ar"].pk, laws["br"].pk}
    published = json.loads(files["laws.json"])["results"]
    assert {law["id"] for law in published} == public
    assert {f"akn-{pk}.xml" for pk in public} <= set(files)
    assert not any(name.startswith("akn-") and int(name[4:-4]) not in public for name in files)
    everything = b"".join(files.values()).decode("utf-8")
    for name in ["experts", "state", "secretariat", "draft"]:
        assert f"Texto del artículo 1 de {name}" not in everything, name
        assert laws[name].frbr_uri + '"' not in everything, name
    reports = json.loads(files["reports.json"])["results"]
    assert [r["id"] for r in reports] == [portal["reports"]["public"].pk]
    statistics = json.loads(files["statistics.json"])["results"]
    assert [r["id"] for r in statistics] == [portal["statistics"]["public"].pk]
    for name in ["experts", "submitted"]:
        assert f"Methodology of {name}" not in everything, name
    events = json.loads(files["events.json"])["results"]
    assert {e["slug"] for e in events} == {"workshop-lima", "course-online"}
    assert "Case studies for experts" not in everything and "cases.pdf" not in everything
    assert {"states.csv", "laws.csv", "mappings.json", "thesaurus.ttl", "README.md", "SHA256SUMS"} <= set(
        files
    )
    assert files["laws.csv"].startswith("\ufeff".encode())
    assert len(built.files) + 1 == len(files)  # the manifest lists every other file


def test_the_manifest_checksums_match(portal, media):
    dump.dump_build(DAY)
    files = _files(media)
    manifest = json.loads(files["manifest.json"])
    assert manifest["counts"]["laws"] == 3
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["name"]]).hexdigest() == entry["sha256"], entry["name"]
        assert len(files[entry["name"]]) == entry["bytes"]
    sums = files["SHA256SUMS"].decode().splitlines()
    assert f"{hashlib.sha256(files['laws.json']).hexdigest()}  laws.json" in sums


def test_dumps_are_listed_and_downloaded_at_stable_addresses(portal, media):
    client = Client()
    assert client.get("/api/v1/dumps/").json() == {"latest": None, "dumps": []}
    assert client.get("/api/v1/dumps/latest/").status_code == 404
    dump.dump_build(DAY - datetime.timedelta(days=1))
    dump.dump_build(DAY)
    listing = client.get("/api/v1/dumps/").json()
    assert [d["date"] for d in listing["dumps"]] == ["2026-12-01", "2026-11-30"]
    assert listing["latest"] == "http://testserver/api/v1/dumps/latest/"
    latest = client.get("/api/v1/dumps/latest/").json()
    assert latest["date"] == "2026-12-01" and latest == client.get("/api/v1/dumps/2026-12-01/").json()
    laws = next(f for f in latest["files"] if f["name"] == "laws.json")
    assert laws["url"] == "http://testserver/api/v1/dumps/2026-12-01/laws.json" and laws["records"] == 3
    download = client.get(laws["url"])
    body = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/json"
    assert hashlib.sha256(body).hexdigest() == laws["sha256"]
    akn = client.get(f"/api/v1/dumps/2026-12-01/akn-{portal['laws']['public'].pk}.xml")
    assert akn["Content-Type"] == "application/akn+xml"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/dumps/2026-12-02/", "/api/v1/dumps/2026-12-01/nothing.json", "/api/v1/dumps/2026-12-01/..%2Fx",
     "/api/v1/dumps/2026-12-01/akn-999999.xml", "/api/v1/dumps/../../"],
)  # fmt: skip
def test_what_no_manifest_lists_is_not_served(portal, media, path):
    dump.dump_build(DAY)
    (Path(media) / dump.ROOT / "2026-12-01" / "secret.json").write_text("{}")
    assert Client().get(path).status_code in {404, 422}
    assert Client().get("/api/v1/dumps/2026-12-01/secret.json").status_code == 404


def test_a_half_built_dump_is_not_listed_and_a_rebuild_replaces(portal, media):
    dump.dump_build(DAY)
    (Path(media) / dump.ROOT / "2026-12-01" / "manifest.json").unlink()
    assert dump.dump_dates() == []
    dump.dump_build(DAY)
    assert dump.dump_dates() == ["2026-12-01"]


def test_the_worker_task_and_the_command_build_and_prune(portal, media, capsys):
    for days in range(3):
        call_command("build_dump", date=(DAY - datetime.timedelta(days=days + 1)).isoformat(), keep=5)
    assert len(dump.dump_dates()) == 3
    result = tasks.build_dump.enqueue(keep=2)  # the immediate backend in tests; the worker in production
    assert result.return_value == dump.dump_dates()[0]
    assert len(dump.dump_dates()) == 2
    with pytest.raises(CommandError, match="--date: 'yesterday'"):
        call_command("build_dump", date="yesterday")
    with pytest.raises(CommandError, match="--keep"):
        call_command("build_dump", keep=0)


def _empty_the_instance():
    """What a fresh instance has not: every record the dump holds (the fixed lists the migrations seed,
    themes, addressees and bodies, stay; the seeded indicators go, so that they are loaded too)."""
    # The directory and the measure sheets are not in the dump (yet): gone, and not reloaded.
    MeasureSheet.objects.all().delete()
    Contact.objects.all().delete()
    Authority.objects.all().delete()
    StatisticsReturn.objects.all().delete()
    Indicator.objects.all().delete()
    Event.objects.all().delete()
    ImplementationReport.objects.all().delete()
    Meeting.objects.all().delete()
    Law.objects.all().delete()
    Instrument.objects.all().delete()
    get_user_model().objects.filter(state__isnull=False).update(state=None)  # audited: kept
    State.objects.all().delete()
    assert not Provision.objects.exists() and not Recommendation.objects.exists()


def _without_local_ids(records):
    """A record as another instance would write it: ids and times are the instance's own."""
    local = {"id", "provision", "law", "recommendation", "previous", "updated_at", "validated_at",
             "accepted_at", "last_published_at", "links", "akn_url"}  # fmt: skip

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in local}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(records)


def test_the_dump_round_trips_into_an_empty_instance(portal, media):
    """Every resource the dump writes loads back, and the loaded instance dumps the same records."""
    dump.dump_build(DAY)
    first = _files(media)
    manifest = json.loads(first["manifest.json"])
    assert all(manifest["counts"][name] for name in dump.RESOURCES), manifest["counts"]  # nothing empty
    _empty_the_instance()

    counts = dump_load(Path(media) / dump.ROOT / "2026-12-01")

    for name in ["states", "instruments", "laws", "mappings", "meetings", "recommendations", "reports", "events",
                 "indicators", "statistics"]:  # fmt: skip
        assert counts[name] == manifest["counts"][name], name
    assert counts["treaty_statuses"] == TreatyStatus.objects.count() > 0
    assert ImplementationReport.objects.count() == manifest["counts"]["reports"]
    assert StatisticValue.objects.count() == counts["statistic_values"] > 0
    # And the reloaded instance dumps the same counts and the same records again.
    next_day = DAY + datetime.timedelta(days=1)
    dump.dump_build(next_day)
    again = _files(media, next_day)
    assert json.loads(again["manifest.json"])["counts"] == manifest["counts"]
    for name in dump.RESOURCES:
        before = json.loads(first[f"{name}.json"])["results"]
        after = json.loads(again[f"{name}.json"])["results"]
        assert _without_local_ids(after) == _without_local_ids(before), name


def _rewrite(folder: Path, name: str, change) -> None:
    """Change one file of a dump and its manifest's checksum, as a careless editor would."""
    path = folder / name
    body = json.loads(path.read_text("utf-8"))
    change(body)
    path.write_text(json.dumps(body), encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == name:
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "name, change, message",
    [
        ("reports.json", lambda b: b["results"][0].update(status="finished"),
         r"reports.json: record 1 \(id \d+\): status: .*not a valid choice"),
        ("events.json", lambda b: b["results"][1].pop("starts_at"),
         r"events.json: record 2 \(slug 'course-online'\): the field 'starts_at' is missing"),
        ("statistics.json", lambda b: b["results"][0]["values"][0].update(indicator="cases-imagined"),
         r"statistics.json: record 1 \(id \d+\): indicator: 'cases-imagined' is not a indicator"),
        ("laws.json", lambda b: b["results"][0].update(published_on="yesterday"),
         r"laws.json: record 1 \(id \d+\): published_on: 'yesterday' is not a date"),
        ("recommendations.json", lambda b: b.pop("results"), r"recommendations.json: not a dump file"),
    ],
)  # fmt: skip
def test_a_bad_record_names_file_record_and_field_and_loads_nothing(portal, media, name, change, message):
    dump.dump_build(DAY)
    folder = Path(media) / dump.ROOT / "2026-12-01"
    _rewrite(folder, name, change)
    _empty_the_instance()
    with pytest.raises(CommandError, match=message):
        call_command("load_dump", str(folder))
    assert not State.objects.exists() and not Meeting.objects.exists() and not Law.objects.exists()


def test_a_file_changed_after_the_manifest_is_refused(portal, media):
    dump.dump_build(DAY)
    folder = Path(media) / dump.ROOT / "2026-12-01"
    (folder / "events.json").write_text('{"resource": "events", "results": []}', encoding="utf-8")
    _empty_the_instance()
    with pytest.raises(CommandError, match="events.json: its SHA-256 differs from the manifest's"):
        call_command("load_dump", str(folder))
    assert not State.objects.exists()


def test_a_dump_from_before_events_and_statistics_still_loads(portal, media):
    """Dumps written before events, indicators and statistics were added have none of their files."""
    dump.dump_build(DAY)
    folder = Path(media) / dump.ROOT / "2026-12-01"
    (folder / "manifest.json").unlink()
    for name in ["events", "indicators", "statistics"]:
        (folder / f"{name}.json").unlink()
    _empty_the_instance()
    counts = dump_load(folder)
    assert counts["laws"] == 3 and counts["events"] == 0 and not Event.objects.exists()


def test_load_dump_refuses_a_populated_instance_and_a_wrong_folder(portal, media, tmp_path):
    dump.dump_build(DAY)
    with pytest.raises(CommandError, match="already has laws"):
        call_command("load_dump", "2026-12-01")
    with pytest.raises(CommandError, match="neither a folder nor a date"):
        call_command("load_dump", "no-such-folder")
    with pytest.raises(CommandError, match="no dump of '2020-01-01'"):
        call_command("load_dump", "2020-01-01")
