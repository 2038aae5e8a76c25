"""The nightly bulk dump of the portal's public data (issue 18, item 4).

One folder per date on the default storage, `open-data/dumps/<YYYY-MM-DD>/`: per resource a JSON file
(the API's own records, so the dump and `/api/v1/` say the same) and a CSV file (Excel-friendly, with a
byte order mark; nested values as JSON in their cell), one Akoma Ntoso file per law (the laws app's
exporter), the thesaurus as SKOS, a README and `manifest.json` with each file's size and SHA-256 (and
`SHA256SUMS` for `sha256sum -c`).

Everything is read as an anonymous visitor, through the same selectors as the pages: a dump never holds
what a visitor could not open. The manifest is written last, so a folder without one is a dump under
way (or broken) and is not listed.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils import timezone, translation

from cyberportal.core.spreadsheet import BOM
from cyberportal.events import selectors as event_selectors
from cyberportal.laws import exporters as law_exporters
from cyberportal.laws import selectors as law_selectors
from cyberportal.laws import skos
from cyberportal.recommendations import selectors as recommendation_selectors
from cyberportal.recommendations.models import Recommendation
from cyberportal.states import selectors as state_selectors
from cyberportal.statistics import selectors as statistics_selectors

from . import v1

ROOT = "open-data/dumps"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,100}$")
MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/akn+xml",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".md": "text/markdown; charset=utf-8",
    "SHA256SUMS": "text/plain; charset=utf-8",
}


def media_type(name: str) -> str:
    for ending, value in MEDIA_TYPES.items():
        if name.endswith(ending):
            return value
    return "application/octet-stream"


def visitor_request() -> HttpRequest:
    """A request from nobody at the instance's public address: records' links point at the real site."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    scheme, _sep, host = base.partition("://")
    request = HttpRequest()
    request.META = {"SERVER_NAME": host.split(":")[0], "SERVER_PORT": host.partition(":")[2] or
                    ("443" if scheme == "https" else "80"), "HTTP_HOST": host, "wsgi.url_scheme": scheme}  # fmt: skip
    request.user = AnonymousUser()
    # The base URL is the operator's own setting: no need to check it against ALLOWED_HOSTS.
    request.get_host = lambda: host
    request._get_scheme = lambda: scheme
    return request


# --- resources: what a visitor may read, as the API gives it -------------------------------------------


def _states(request):
    return [
        v1.state_record(request, s) for s in state_selectors.states_for_list(state_selectors.StateFilters())
    ]


def _instruments(request):
    return [v1.get_instrument(request, i.slug) for i in state_selectors.instruments()]


def _laws(request):
    laws = law_selectors.visible_laws(request.user).order_by("pk")
    return [v1.get_law(request, law.pk, on=None) for law in laws]


def _mappings(request):
    mappings = (
        law_selectors.visible_mappings(request.user)
        .filter(provision__valid_to__isnull=True)
        .select_related("provision__law__state", "article__instrument")
        .order_by("pk")
    )
    return [v1.mapping_record(m) for m in mappings]


def _meetings(request):
    return [v1.meeting_record(request, m) for m in recommendation_selectors.meetings()]


def _recommendations(request):
    recommendations = Recommendation.objects.select_related("meeting").prefetch_related(
        "sub_items", "themes", "addressees", "translations"
    )
    return [v1.recommendation_record(request, r) for r in recommendations.order_by("pk")]


def _reports(request):
    return [
        v1.report_record(r) for r in recommendation_selectors.accepted_reports(request.user).order_by("pk")
    ]


def _events(request):
    events = event_selectors.events_for_list().select_related("meeting").order_by("starts_at", "pk")
    return [v1.event_record(request, e) for e in events]


def _indicators(request):
    indicators = statistics_selectors.active_indicators().select_related("part_of")
    return [v1.indicator_record(i) for i in indicators.order_by("sort_order", "pk")]


def _statistics(request):
    returns = (
        statistics_selectors.public_returns().select_related("state").prefetch_related("values__indicator")
    )
    return [v1.statistics_record(request, r) for r in returns.order_by("pk")]


RESOURCES = {
    "states": _states,
    "instruments": _instruments,
    "laws": _laws,
    "mappings": _mappings,
    "meetings": _meetings,
    "recommendations": _recommendations,
    "reports": _reports,
    "events": _events,
    "indicators": _indicators,
    "statistics": _statistics,
}


def _csv(records: list[dict]) -> str:
    columns: list[str] = []
    for record in records:
        columns += [key for key in record if key not in columns]
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                key: json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
                if isinstance(value, dict | list)
                else ("" if value is None else value)
                for key, value in record.items()
            }
        )
    return out.getvalue()


README = """# Cyberportal open data: {date}

The public data of {site} on {date}, as an anonymous visitor sees it on the pages and in the API
(`/api/v1/`). Records marked `"is_example": true` are examples, not real facts.

| file | what |
|---|---|
{rows}| `akn-<law id>.xml` | each law in Akoma Ntoso 3.0 (OASIS), with its earlier wordings |
| `thesaurus.ttl`, `thesaurus.jsonld` | the concept thesaurus as SKOS |
| `manifest.json`, `SHA256SUMS` | each file's size and SHA-256 (`sha256sum -c SHA256SUMS`) |

JSON files hold the API's records (described by `/api/v1/openapi.json`); the CSV files the same records,
one per row, with nested values as JSON in their cell, UTF-8 with a byte order mark. Texts keep the
language they were written in and say which (`language`, `titles`, `texts`). Licence and terms of
reuse: see the portal.
"""


@dataclass
class Dump:
    date: str
    files: list[dict]


def _folder(date: str) -> str:
    return f"{ROOT}/{date}"


def _write(folder: str, name: str, content: str | bytes, written: list[dict], records: int | None = None):
    data = content.encode() if isinstance(content, str) else content
    path = f"{folder}/{name}"
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(data))
    entry = {
        "name": name,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "media_type": media_type(name),
    }
    if records is not None:
        entry["records"] = records
    written.append(entry)


def dump_clear(date: str) -> None:
    folder = _folder(date)
    if not default_storage.exists(folder):
        return
    _dirs, names = default_storage.listdir(folder)
    for name in sorted(names, key=lambda n: n != "manifest.json"):  # the manifest first: no longer listed
        default_storage.delete(f"{folder}/{name}")


def dump_build(date: datetime.date | None = None) -> Dump:
    """Build (or rebuild) the dump of `date` (today by default); returns its manifest's files."""
    day = (date or timezone.localdate()).isoformat()
    folder = _folder(day)
    dump_clear(day)
    request = visitor_request()
    written: list[dict] = []
    counts = {}
    with translation.override("en"):
        for name, read in RESOURCES.items():
            records = read(request)
            counts[name] = len(records)
            body = json.dumps({"resource": name, "date": day, "results": records}, cls=DjangoJSONEncoder,
                              ensure_ascii=False, indent=1)  # fmt: skip
            _write(folder, f"{name}.json", body, written, len(records))
            rows = (
                records
                if name != "laws"
                else [{k: v for k, v in r.items() if k != "provisions"} for r in records]
            )
            _write(folder, f"{name}.csv", _csv(rows), written, len(records))
        for law in law_selectors.visible_laws(request.user).order_by("pk"):
            _write(folder, f"akn-{law.pk}.xml", law_exporters.law_to_akn(law, user=request.user), written)
        scheme = request.build_absolute_uri("/api/v1/thesaurus")

        def article_url(instrument, number):
            return request.build_absolute_uri(f"/en/laws/article/{instrument}/{number}/")

        concepts = skos.thesaurus_concepts(scheme, article_url)
        title = v1.THESAURUS_TITLE
        _write(folder, "thesaurus.ttl", skos.to_turtle(concepts, scheme_uri=scheme, title=title), written)
        _write(folder, "thesaurus.jsonld", skos.to_jsonld(concepts, scheme_uri=scheme, title=title), written)
        rows = "".join(f"| `{n}.json`, `{n}.csv` | {counts[n]} {n} |\n" for n in RESOURCES)
        site = settings.WAGTAILADMIN_BASE_URL
        _write(folder, "README.md", README.format(date=day, site=site, rows=rows), written)
    sums = "".join(f"{f['sha256']}  {f['name']}\n" for f in written)
    _write(folder, "SHA256SUMS", sums, written)
    manifest = {"date": day, "generated_at": timezone.now().isoformat(), "site": settings.WAGTAILADMIN_BASE_URL,
                "counts": counts, "files": written}  # fmt: skip
    default_storage.save(f"{folder}/manifest.json", ContentFile(json.dumps(manifest, indent=1).encode()))
    return Dump(date=day, files=written)


# --- reading the dumps back (the API's /dumps/ addresses) ------------------------------------------------


def dump_dates() -> list[str]:
    """The complete dumps (those with a manifest), newest first."""
    if not default_storage.exists(ROOT):
        return []
    folders, _files = default_storage.listdir(ROOT)
    return sorted(
        (d for d in folders if DATE.match(d) and default_storage.exists(f"{ROOT}/{d}/manifest.json")),
        reverse=True,
    )


def dump_manifest(date: str) -> dict | None:
    if date == "latest":
        dates = dump_dates()
        date = dates[0] if dates else ""
    if not DATE.match(date):
        return None
    path = f"{_folder(date)}/manifest.json"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path) as handle:
        return json.loads(handle.read())


def dump_file(date: str, name: str):
    """(open file, media type) of a file the manifest of that dump lists, else None: nothing else on the
    storage can be reached through a dump's address."""
    manifest = dump_manifest(date)
    if manifest is None or not FILE_NAME.match(name) and name != "SHA256SUMS":
        return None
    if name != "manifest.json" and name not in {f["name"] for f in manifest["files"]}:
        return None
    return default_storage.open(f"{_folder(manifest['date'])}/{name}"), media_type(name)


def dump_prune(keep: int) -> list[str]:
    """Remove all but the newest `keep` dumps; returns the dates removed."""
    removed = dump_dates()[keep:] if keep > 0 else []
    for date in removed:
        dump_clear(date)
    return removed
