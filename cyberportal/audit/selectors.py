"""Reading the audit trail: checking the chain, and the Secretariat's filtered list."""

from __future__ import annotations

from dataclasses import dataclass

from .checkpoints import Checkpoint
from .keys import configured_keys
from .models import GENESIS_HASH, AuditEntry, AuditHead


@dataclass
class ChainProblem:
    seq: int
    reason: str


def _checkpoint_problems(checkpoints, keys) -> tuple[dict[int, Checkpoint], ChainProblem | None]:
    """Checkpoints by sequence number once their signatures hold, or the first one that does not."""
    by_seq: dict[int, Checkpoint] = {}
    for checkpoint in checkpoints:
        valid = checkpoint.signature_ok(keys)
        if valid is None:
            return by_seq, ChainProblem(
                checkpoint.seq,
                f"the checkpoint of {checkpoint.at} is signed with key {checkpoint.key_id!r}, "
                "which AUDIT_HMAC_KEYS does not hold",
            )
        if not valid:
            return by_seq, ChainProblem(
                checkpoint.seq, f"the checkpoint of {checkpoint.at} does not match its signature (forged?)"
            )
        known = by_seq.get(checkpoint.seq)
        if known is not None and (known.hash, known.count) != (checkpoint.hash, checkpoint.count):
            return by_seq, ChainProblem(checkpoint.seq, "two signed checkpoints disagree about this entry")
        by_seq[checkpoint.seq] = checkpoint
    return by_seq, None


def audit_verify(batch_size: int = 2000, checkpoints=()) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order and compare it with the signed `checkpoints`; return how many entries
    were checked and the first problem, if any.

    Keyed entries are checked with the key they name; entries without a key (written before keys
    existed) are checked as plain SHA-256, and only before the first keyed one: after it, an entry
    without a key is a rewrite by someone who lacked the key."""
    keys = configured_keys()
    by_seq, problem = _checkpoint_problems(checkpoints, keys)
    if problem is not None:
        return 0, problem
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_id = 0
    keyed_seen = False
    while True:
        batch = list(AuditEntry.objects.filter(seq__gte=expected_seq).order_by("seq")[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.seq != expected_seq:
                return checked, ChainProblem(
                    expected_seq, f"missing (deleted?): the numbering jumps to #{entry.seq}"
                )
            if entry.prev_hash != expected_prev:
                return checked, ChainProblem(
                    entry.seq, "its previous-hash does not match the entry before it"
                )
            if entry.key_id:
                secret = keys.get(entry.key_id)
                if secret is None:
                    return checked, ChainProblem(
                        entry.seq,
                        f"it is signed with key {entry.key_id!r}, which AUDIT_HMAC_KEYS does not hold",
                    )
                keyed_seen = True
            elif keyed_seen:
                return checked, ChainProblem(
                    entry.seq,
                    "it has no key although an entry before it has one (rewritten without the key?)",
                )
            else:
                secret = None
            if entry.compute_hash(secret) != entry.hash:
                return checked, ChainProblem(entry.seq, "its content was changed after it was written")
            checkpoint = by_seq.get(entry.seq)
            if checkpoint is not None and (checkpoint.hash, checkpoint.count) != (entry.hash, checked + 1):
                return checked, ChainProblem(
                    entry.seq,
                    f"it does not match the signed checkpoint of {checkpoint.at} "
                    "(the log was rewritten or renumbered)",
                )
            expected_prev = entry.hash
            expected_seq += 1
            checked += 1
            last_id = entry.seq
    if by_seq and max(by_seq) > last_id:
        newest = by_seq[max(by_seq)]
        return checked, ChainProblem(
            last_id + 1,
            f"missing (deleted?): the signed checkpoint of {newest.at} records {newest.count} entries "
            f"up to #{newest.seq}, the database ends at #{last_id}",
        )
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != last_id or head.hash != expected_prev):
        return checked, ChainProblem(last_id + 1, f"missing (deleted?): the log should end at #{head.seq}")
    return checked, None


def audit_entries(*, action: str = "", actor: str = "", object_type: str = "", date_from=None, date_to=None):
    qs = AuditEntry.objects.select_related("actor").order_by("-seq")
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs


def audit_object_types() -> list[str]:
    return list(AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct())
