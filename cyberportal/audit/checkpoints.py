"""Signed checkpoints of the audit trail, written outside the database.

A hash chain proves that the entries it holds were not changed, but not that none were removed from its
end, or that it was not replaced as a whole. A checkpoint records the chain at one moment (the sequence
number and hash of its newest entry, how many entries it holds, when, and the key that signs it),
signed with HMAC-SHA256 under the audit key, and goes where the database's users cannot write: an
append-only file or syslog (setting AUDIT_CHECKPOINT_TARGETS). `verify_audit` checks the database
against every checkpoint it is given.

One checkpoint is one line, `cyberportal-audit-checkpoint {json}`, so a syslog export or a line typed
back from a printout can be read as well as the file itself.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

from .keys import configured_keys, sign, signing_key

MARKER = "cyberportal-audit-checkpoint"
TARGETS = {"file", "syslog"}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    count: int
    at: str
    key_id: str
    mac: str = ""

    def payload(self) -> bytes:
        data = {"seq": self.seq, "hash": self.hash, "count": self.count, "at": self.at, "key_id": self.key_id}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()

    def line(self) -> str:
        return f"{MARKER} " + json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    def signature_ok(self, keys: dict[str, bytes]) -> bool | None:
        """True or False; None when the key that signed it is not configured."""
        secret = keys.get(self.key_id)
        if secret is None:
            return None
        return sign(secret, self.payload()) == self.mac


def checkpoint_sign(*, seq: int, hash: str, count: int, at: str) -> Checkpoint:
    key_id, secret = signing_key()
    unsigned = Checkpoint(seq=seq, hash=hash, count=count, at=at, key_id=key_id)
    return Checkpoint(**{**asdict(unsigned), "mac": sign(secret, unsigned.payload())})


def targets() -> list[str]:
    chosen = [t for t in getattr(settings, "AUDIT_CHECKPOINT_TARGETS", ["file"]) if t]
    unknown = set(chosen) - TARGETS
    if unknown:
        raise ValueError(
            f"AUDIT_CHECKPOINT_TARGETS: unknown target(s) {sorted(unknown)}; use file and/or syslog."
        )
    return chosen


def _write_file(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: one write() per line, never a rewrite of what is there (the operator may also set the
    # file append-only with `chattr +a`, which this respects).
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


def _write_syslog(line: str) -> None:
    address = settings.AUDIT_CHECKPOINT_SYSLOG_ADDRESS
    if not address.startswith("/") and ":" in address:
        host, _sep, port = address.rpartition(":")
        address = (host, int(port))
    handler = logging.handlers.SysLogHandler(
        address=address, facility=settings.AUDIT_CHECKPOINT_SYSLOG_FACILITY
    )
    try:
        handler.emit(logging.makeLogRecord({"msg": line, "levelno": logging.INFO, "levelname": "INFO"}))
    finally:
        handler.close()


def checkpoint_write(checkpoint: Checkpoint) -> list[str]:
    """Send one checkpoint to every configured target; returns the targets written."""
    line = checkpoint.line()
    written = []
    for target in targets():
        if target == "file":
            _write_file(Path(settings.AUDIT_CHECKPOINT_FILE), line)
        else:
            _write_syslog(line)
        written.append(target)
    return written


def parse_line(text: str) -> Checkpoint | None:
    """The checkpoint in one line of a file or a syslog export (None if the line holds none)."""
    if MARKER not in text:
        return None
    body = text.split(MARKER, 1)[1].strip()
    try:
        data, _end = json.JSONDecoder().raw_decode(body)  # syslog may add a NUL or more after it
        return Checkpoint(
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            count=int(data["count"]),
            at=str(data["at"]),
            key_id=str(data["key_id"]),
            mac=str(data["mac"]),
        )
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"not a well-formed checkpoint: {body[:80]!r}") from None


def checkpoints_read(paths: list[Path] | None = None) -> list[Checkpoint]:
    """Every checkpoint in the given files (default: the configured file, if checkpoints go there)."""
    if paths is None:
        paths = [Path(settings.AUDIT_CHECKPOINT_FILE)] if "file" in targets() else []
    found = []
    for path in paths:
        if not Path(path).exists():
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                try:
                    checkpoint = parse_line(text)
                except ValueError as error:
                    raise ValueError(f"{path}, line {number}: {error}") from None
                if checkpoint is not None:
                    found.append(checkpoint)
    return found


def recent_checkpoints(limit: int = 20) -> list[tuple[Checkpoint, bool | None]]:
    """The newest checkpoints of the configured file with whether each signature holds, for the page."""
    try:
        found = checkpoints_read()
    except (OSError, ValueError):
        log.exception("The audit checkpoint file cannot be read.")
        return []
    keys = configured_keys()
    return [(checkpoint, checkpoint.signature_ok(keys)) for checkpoint in found[-limit:][::-1]]
