"""The nightly bulk dump (issue 18, item 4): public data only, checksums that match, stable addresses per
date with a latest alias, the worker's task and the command, and a round trip into an empty instance."""

import datetime
import hashlib
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from cyberportal.api import dump, tasks
from cyberportal.api.load import dump_load
from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.recommendations.models import ImplementationReport
from cyberportal.states.models import Article, Instrument, State

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


def test_the_dump_round_trips_into_an_empty_instance(portal, media):
    dump.dump_build(DAY)
    manifest = json.loads(_files(media)["manifest.json"])
    laws = json.loads(_files(media)["laws.json"])["results"]
    provisions = sum(len(law["provisions"]) for law in laws)
    articles = sum(len(i["articles"]) for i in json.loads(_files(media)["instruments.json"])["results"])
    ImplementationReport.objects.all().delete()
    Law.objects.all().delete()
    Instrument.objects.all().delete()
    State.objects.all().delete()
    assert not Provision.objects.exists()

    counts = dump_load(Path(media) / dump.ROOT / "2026-12-01")

    assert counts == {"states": manifest["counts"]["states"], "instruments": manifest["counts"]["instruments"],
                      "articles": articles, "laws": manifest["counts"]["laws"], "provisions": provisions,
                      "mappings": manifest["counts"]["mappings"]}  # fmt: skip
    assert State.objects.count() == counts["states"] and Article.objects.count() == articles
    assert Law.objects.count() == 3 and ProvisionMapping.objects.count() == manifest["counts"]["mappings"]
    # And the reloaded instance dumps the same laws again.
    dump.dump_build(DAY + datetime.timedelta(days=1))
    again = json.loads(_files(media, DAY + datetime.timedelta(days=1))["laws.json"])["results"]
    assert [(law["identifier"], law["titles"], len(law["provisions"])) for law in again] == [
        (law["identifier"], law["titles"], len(law["provisions"])) for law in laws
    ]


def test_load_dump_refuses_a_populated_instance_and_a_wrong_folder(portal, media, tmp_path):
    dump.dump_build(DAY)
    with pytest.raises(CommandError, match="already has laws"):
        call_command("load_dump", "2026-12-01")
    with pytest.raises(CommandError, match="neither a folder nor a date"):
        call_command("load_dump", "no-such-folder")
    with pytest.raises(CommandError, match="no dump of '2020-01-01'"):
        call_command("load_dump", "2020-01-01")
