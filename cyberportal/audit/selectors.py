"""Reading the audit trail: checking the chain, and the Secretariat's filtered list."""

from __future__ import annotations

from dataclasses import dataclass

from .models import GENESIS_HASH, AuditEntry, AuditHead


@dataclass
class ChainProblem:
    seq: int
    reason: str


def audit_verify(batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return how many entries were checked and the first problem, if any."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_id = 0
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
            if entry.compute_hash() != entry.hash:
                return checked, ChainProblem(entry.seq, "its content was changed after it was written")
            expected_prev = entry.hash
            expected_seq += 1
            checked += 1
            last_id = entry.seq
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
