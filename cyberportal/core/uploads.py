"""Limits every document importer applies (laws, recommendations): one upload size, checks on ZIP
containers before they are opened, and parsing in a child process bounded in time and memory.

A 341 KB DOCX can unpack to gigabytes and a pathological text can hold a worker for minutes (issue 11,
finding 3). The importers call these functions rather than keeping limits of their own, so a future
shared document reader (issue 13) inherits them in one place.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import signal
import zipfile
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

MB = 1024 * 1024
# A ZIP member smaller than this may compress at any ratio (a short, repetitive XML part does).
RATIO_FLOOR_BYTES = MB


class UploadRefused(ValueError):
    """The upload is refused before (or while) it is read; the message says which limit and why."""


def max_upload_bytes() -> int:
    """The one upload limit of the importers: IMPORT_MAX_UPLOAD_MB."""
    return settings.IMPORT_MAX_UPLOAD_MB * MB


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def check_size(name: str, size: int) -> None:
    if size > max_upload_bytes():
        raise UploadRefused(
            _("“%(name)s” is %(size)s MB; documents to import may be at most %(limit)s MB.")
            % {"name": name, "size": _mb(size), "limit": settings.IMPORT_MAX_UPLOAD_MB}
        )


def check_zip(name: str, data: bytes) -> None:
    """Refuse a ZIP container (DOCX, ...) whose entries, unpacked size or compression ratio are out of
    bounds, from its directory alone: nothing is decompressed here. Python's zipfile never yields more
    than an entry's declared size, so a directory that under-states sizes cannot get past this either."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a ZIP at all: the format's reader says so in its own words
    if len(entries) > settings.IMPORT_MAX_ZIP_ENTRIES:
        raise UploadRefused(
            _("“%(name)s” holds %(count)s files; a document to import may hold at most %(limit)s.")
            % {"name": name, "count": len(entries), "limit": settings.IMPORT_MAX_ZIP_ENTRIES}
        )
    total = sum(entry.file_size for entry in entries)
    limit = settings.IMPORT_MAX_UNZIPPED_MB * MB
    if total > limit:
        raise UploadRefused(
            _("“%(name)s” unpacks to %(size)s MB; a document to import may unpack to at most %(limit)s MB.")
            % {"name": name, "size": _mb(total), "limit": settings.IMPORT_MAX_UNZIPPED_MB}
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > settings.IMPORT_MAX_ZIP_RATIO:
            raise UploadRefused(
                _(
                    "“%(name)s”: its part “%(part)s” is compressed %(ratio)s to 1 (at most %(limit)s to 1 "
                    "is accepted); it looks like a ZIP bomb and was not opened."
                )
                % {
                    "name": name,
                    "part": entry.filename[:100],
                    "ratio": int(ratio),
                    "limit": settings.IMPORT_MAX_ZIP_RATIO,
                }
            )


# --- Bounded parsing -------------------------------------------------------------------------------


def _virtual_memory_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(connection, func, args, seconds: int, memory_bytes: int, language: str | None) -> None:
    translation.activate(language)  # messages in the parent's language; a fork does not carry it over
    # The budget is added to what the forked process already maps: a limit below that would fail at once.
    ceiling = _virtual_memory_bytes() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        result = ("ok", func(*args))
    except MemoryError:
        result = ("memory", None)
    except Exception as error:  # noqa: BLE001 - reported to the parent, which decides
        result = ("error", error)
    try:
        connection.send(result)
    except Exception as error:  # noqa: BLE001 - an exception that cannot be pickled
        connection.send(("error", UploadRefused(str(error))))
    connection.close()


def run_bounded(func: Callable[..., Any], *args, seconds: int | None = None, memory_mb: int | None = None):
    """`func(*args)` in a forked child limited to `seconds` of CPU (and twice that of wall time) and
    `memory_mb` of memory beyond what it starts with. Its result or exception comes back; running out of
    time or memory raises UploadRefused. `func` must not use the database (the child shares the
    parent's connections)."""
    seconds = seconds or settings.IMPORT_PARSE_SECONDS
    memory_mb = memory_mb or settings.IMPORT_PARSE_MEMORY_MB
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(sender, func, args, seconds, memory_mb * MB, translation.get_language()),
        daemon=True,
    )
    process.start()
    sender.close()
    try:
        outcome = receiver.recv() if receiver.poll(seconds * 2) else ("time", None)
    except EOFError:  # the child died without a word: killed at its CPU limit (SIGXCPU) or by the OS
        process.join(5)
        outcome = ("time", None) if process.exitcode == -signal.SIGXCPU else ("memory", None)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    kind, payload = outcome
    if kind == "ok":
        return payload
    if kind == "error":
        raise payload
    if kind == "memory":
        raise UploadRefused(
            _("Reading the document needed more than %(limit)s MB of memory; it was stopped.")
            % {"limit": memory_mb}
        )
    raise UploadRefused(
        _("Reading the document took longer than %(seconds)s seconds; it was stopped.") % {"seconds": seconds}
    )
