"""Issue 11, finding 5: the audit chain is keyed (HMAC from the environment) and anchored by signed
checkpoints outside the database, so `verify_audit` catches a careful rewrite by someone who can write
to the database but holds no key.

Each attack is done as that person would: raw SQL, recomputing every hash the best way open to them
(SHA-256, whose algorithm is public), and moving the head row so the chain looks whole.
"""

import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from cyberportal.audit.models import GENESIS_HASH, AuditEntry, AuditHead
from cyberportal.audit.services import audit_record
from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def anchored(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_TARGETS = ["file"]
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.log"
    settings.AUDIT_CHECKPOINT_EVERY = 5
    return settings.AUDIT_CHECKPOINT_FILE


@pytest.fixture
def ten_entries(anchored, user_factory, state_ar, django_capture_on_commit_callbacks):
    """Ten entries, written (and committed: checkpoints follow the commit) one by one; checkpoints at #5
    and #10."""
    user = user_factory(Role.EXPERT, state_ar)
    first = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    for n in range(10 - first):
        with django_capture_on_commit_callbacks(execute=True):
            audit_record(actor=user, action="change", obj=state_ar, changes={"n": n})
    assert AuditEntry.objects.count() == 10
    return anchored


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _move_head():
    last = AuditEntry.objects.order_by("-seq").first()
    seq, hash_ = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    AuditHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": hash_})


def _rechain_without_key(from_seq, *, drop_key):
    """Recompute prev_hash and hash from `from_seq` to the end with SHA-256; with `drop_key`, the entries
    also lose their key id, to pass for entries written before keys existed."""
    before = AuditEntry.objects.filter(seq=from_seq - 1).first()
    prev = before.hash if before else GENESIS_HASH
    for entry in AuditEntry.objects.filter(seq__gte=from_seq).order_by("seq"):
        entry.prev_hash = prev
        if drop_key and hasattr(entry, "key_id"):
            entry.key_id = ""
            _sql("UPDATE audit_auditentry SET key_id = '' WHERE seq = %s", [entry.seq])
        prev = hashlib.sha256(entry.canonical_payload()).hexdigest()
        _sql(
            "UPDATE audit_auditentry SET prev_hash = %s, hash = %s WHERE seq = %s",
            [entry.prev_hash, prev, entry.seq],
        )
    _move_head()


def _broken_at(seq):
    with pytest.raises(CommandError, match=rf"broken at entry #{seq}\b"):
        call_command("verify_audit")


def test_an_untouched_trail_verifies_against_its_checkpoints(ten_entries, capsys):
    lines = ten_entries.read_text().splitlines()
    assert [json.loads(line.split(" ", 1)[1])["seq"] for line in lines] == [5, 10]
    call_command("verify_audit")
    assert "10 entries verified against 2 signed checkpoints" in capsys.readouterr().out


def test_attack_a_newest_rows_deleted_and_head_moved_back(ten_entries):
    _sql("DELETE FROM audit_auditentry WHERE seq > 8")
    _move_head()
    _broken_at(9)


@pytest.mark.parametrize(
    ("from_seq", "drop_key", "detected_at"),
    [(3, False, 3), (3, True, 3), (1, True, 5)],
    ids=["keeping-the-key-id", "passing-as-legacy", "whole-log-as-legacy"],
)
def test_attack_b_row_edited_and_chain_recomputed_to_the_end(ten_entries, from_seq, drop_key, detected_at):
    _sql("UPDATE audit_auditentry SET changes = %s WHERE seq = 3", ['{"n": 99}'])
    _rechain_without_key(from_seq, drop_key=drop_key)
    _broken_at(detected_at)


def test_attack_c_row_deleted_and_the_rest_renumbered(ten_entries):
    _sql("DELETE FROM audit_auditentry WHERE seq = 4")
    for seq in range(5, 11):  # one by one, so the unique sequence numbers never collide
        _sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [seq - 1, seq])
    _rechain_without_key(4, drop_key=False)
    _broken_at(4)


def test_attack_d_everything_deleted(ten_entries):
    _sql("DELETE FROM audit_auditentry")
    _sql("DELETE FROM audit_audithead")
    _broken_at(1)


def test_a_forged_checkpoint_line_is_refused(ten_entries):
    # Someone who may write the checkpoint file but holds no key lowers the newest checkpoint.
    text = ten_entries.read_text().replace('"seq":10', '"seq":8')
    ten_entries.write_text(text)
    with pytest.raises(CommandError, match="does not match its signature"):
        call_command("verify_audit")


def test_a_lost_checkpoint_file_is_reported(ten_entries):
    ten_entries.unlink()
    with pytest.raises(CommandError, match="No signed checkpoint found"):
        call_command("verify_audit")


def test_keys_rotate_and_an_unknown_key_is_named(settings, user_factory, state_ar):
    user = user_factory(Role.EXPERT, state_ar)
    settings.AUDIT_HMAC_KEYS = "k1:first-secret-long-enough"
    old = audit_record(actor=user, action="change", obj=state_ar)
    settings.AUDIT_HMAC_KEYS = "k2:second-secret-long-enough,k1:first-secret-long-enough"
    new = audit_record(actor=user, action="change", obj=state_ar)
    assert (old.key_id, new.key_id) == ("k1", "k2")
    call_command("verify_audit")
    settings.AUDIT_HMAC_KEYS = "k2:second-secret-long-enough"
    with pytest.raises(CommandError, match=rf"#{old.seq}\b.*key 'k1'"):
        call_command("verify_audit")


def test_entries_from_before_the_keys_verify_as_sha256_up_to_the_first_keyed_one(user_factory, state_ar):
    user = user_factory(Role.EXPERT, state_ar)
    _sql("DELETE FROM audit_auditentry")  # start from a trail written before keys existed
    legacy = AuditEntry(seq=1, at=user.date_joined, action="create", actor_label="x", prev_hash=GENESIS_HASH)
    legacy.hash = legacy.compute_hash()  # no key id: plain SHA-256, as written before this change
    legacy.save()
    _move_head()
    keyed = audit_record(actor=user, action="change", obj=state_ar)
    assert keyed.seq == 2 and keyed.prev_hash == legacy.hash and keyed.key_id == "test"
    call_command("verify_audit")


def test_the_checkpoint_command_and_syslog_target(settings, tmp_path, user_factory, state_ar, capsys):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    settings.AUDIT_CHECKPOINT_TARGETS = ["syslog"]
    settings.AUDIT_CHECKPOINT_SYSLOG_ADDRESS = f"127.0.0.1:{receiver.getsockname()[1]}"
    entry = audit_record(actor=user_factory(Role.EXPERT, state_ar), action="change", obj=state_ar)
    call_command("audit_checkpoint")
    datagram = receiver.recv(4096).decode()
    receiver.close()
    assert f'"seq":{entry.seq}' in datagram and '"key_id":"test"' in datagram
    exported = tmp_path / "syslog-export.log"
    exported.write_text(datagram + "\n")
    call_command("verify_audit", checkpoints=[exported])
    assert "against 1 signed checkpoints" in capsys.readouterr().out
    _sql("DELETE FROM audit_auditentry")
    _sql("DELETE FROM audit_audithead")
    with pytest.raises(CommandError, match=r"broken at entry #1\b"):
        call_command("verify_audit", checkpoints=[exported])


def test_the_secretariat_writes_and_prints_checkpoints_from_the_audit_page(anchored, user_factory, state_ar):
    secretariat = user_factory(Role.SECRETARIAT, None)
    expert = user_factory(Role.EXPERT, state_ar)
    audit_record(actor=secretariat, action="change", obj=state_ar)
    client = Client()
    client.force_login(expert)
    assert client.get("/en/audit/checkpoints/").status_code == 403
    assert client.post("/en/audit/checkpoints/").status_code == 403
    assert not anchored.exists()
    client.force_login(secretariat)
    assert "/en/audit/checkpoints/" in client.get("/en/audit/").content.decode()
    client.post("/en/audit/checkpoints/")
    line = anchored.read_text().strip()
    page = client.get("/en/audit/checkpoints/").content.decode()
    assert line.split('"mac":"')[1][:64] in page and "valid" in page


def test_a_checkpoint_that_cannot_be_written_is_reported_not_a_server_error(
    settings, tmp_path, user_factory, state_ar
):
    settings.AUDIT_CHECKPOINT_TARGETS = ["file"]
    settings.AUDIT_CHECKPOINT_FILE = tmp_path  # a directory: the write fails
    secretariat = user_factory(Role.SECRETARIAT, None)
    audit_record(actor=secretariat, action="change", obj=state_ar)
    client = Client()
    client.force_login(secretariat)
    response = client.post("/en/audit/checkpoints/", follow=True)
    assert response.status_code == 200 and "could not be written" in response.content.decode()


def _start_production(environment):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cyberportal.settings.production",
        "SECRET_KEY": "k" * 60,
        "EMAIL_HOST": "smtp.example.org",  # production also refuses an e-mail backend that delivers nothing
    }
    env.pop("AUDIT_HMAC_KEYS", None)
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


def test_production_settings_refuse_to_start_without_a_valid_audit_key():
    assert "AUDIT_HMAC_KEYS" in _start_production({}).stderr
    assert "shorter than" in _start_production({"AUDIT_HMAC_KEYS": "k1:short"}).stderr
    started = _start_production({"AUDIT_HMAC_KEYS": "k1:" + "s" * 40})
    assert started.returncode == 0, started.stderr
