"""The audit trail: append-only in the application, hash-chained, verified, and read by the Secretariat only."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from cyberportal.audit.models import AppendOnlyError, AuditEntry
from cyberportal.audit.selectors import audit_verify
from cyberportal.audit.services import audit_record
from cyberportal.core.roles import VISITOR, Role

pytestmark = pytest.mark.django_db


def _three_entries(actor):
    return [
        audit_record(actor=actor, action="create", obj=actor, changes={"n": i, "when": "é"}) for i in range(3)
    ]


def test_each_entry_carries_the_hash_of_the_one_before(user_factory, state_ar):
    user = user_factory(Role.EXPERT, state_ar)
    first, second, third = _three_entries(user)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert [e.seq for e in (first, second, third)] == [first.seq, first.seq + 1, first.seq + 2]
    assert audit_verify()[1] is None


def test_the_application_cannot_change_or_delete_an_entry(user_factory, state_ar):
    entry = _three_entries(user_factory(Role.EXPERT, state_ar))[0]
    entry.object_repr = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_verify_audit_passes_on_an_intact_chain(user_factory, state_ar, capsys):
    _three_entries(user_factory(Role.EXPERT, state_ar))
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET changes = '{\"n\": 99}' WHERE seq = %s",
        "UPDATE audit_auditentry SET at = at WHERE seq = %s AND 1 = 0",  # a no-op: must stay intact
        "DELETE FROM audit_auditentry WHERE seq = %s",
    ],
    ids=["edited", "untouched", "deleted"],
)
def test_verify_audit_names_the_first_entry_tampered_with_by_sql(user_factory, state_ar, sql):
    entries = _three_entries(user_factory(Role.EXPERT, state_ar))
    target = entries[1].seq
    with connection.cursor() as cursor:
        cursor.execute(sql, [target])
    if "1 = 0" in sql:
        call_command("verify_audit")
        return
    with pytest.raises(CommandError, match=rf"entry #{target}\b"):
        call_command("verify_audit")


def test_deleting_the_newest_entry_is_detected(user_factory, state_ar):
    entries = _three_entries(user_factory(Role.EXPERT, state_ar))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq = %s", [entries[-1].seq])
    with pytest.raises(CommandError, match=rf"entry #{entries[-1].seq}\b"):
        call_command("verify_audit")


def test_sign_ins_and_failed_sign_ins_are_recorded_with_the_address(user_factory, state_ar):
    user = user_factory(Role.EXPERT, state_ar)
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.post("/en/accounts/login/", {"login": user.username, "password": "wrong-password"})
    client.post("/en/accounts/login/", {"login": user.username, "password": "a-long-test-password"})
    failed = AuditEntry.objects.get(action="sign_in_failed")
    signed_in = AuditEntry.objects.get(action="sign_in")
    assert failed.ip == "203.0.113.7" and failed.changes == {"username": user.username}
    assert "password" not in str(failed.changes).replace("username", "")
    assert signed_in.actor == user and signed_in.ip == "203.0.113.7"


@pytest.mark.parametrize("role", [VISITOR, Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_only_the_secretariat_reads_the_log(role, user_factory, state_ar):
    user = user_factory(role, None if role == Role.SECRETARIAT else state_ar)
    client = Client()
    if role != VISITOR:
        client.force_login(user)
    response = client.get("/en/audit/")
    expected = {VISITOR: 302, Role.EXPERT: 403, Role.FOCAL_POINT: 403, Role.SECRETARIAT: 200}[role]
    assert response.status_code == expected


def test_the_log_filters_by_action_and_user(user_factory, state_ar):
    secretariat = user_factory(Role.SECRETARIAT, None)
    expert = user_factory(Role.EXPERT, state_ar)
    audit_record(actor=expert, action="export", obj=state_ar, changes={"file": "contacts.csv"})
    audit_record(actor=secretariat, action="publish", obj=state_ar)
    client = Client()
    client.force_login(secretariat)
    only_exports = client.get("/en/audit/", {"action": "export"}).content.decode()
    assert "contacts.csv" in only_exports and "Publish" not in only_exports.split("<table", 1)[1]
    by_user = client.get("/en/audit/", {"actor": expert.username}).content.decode()
    assert "contacts.csv" in by_user
    nothing = client.get("/en/audit/", {"actor": "nobody-at-all"}).content.decode()
    assert "No entries match" in nothing


def test_the_log_page_costs_the_same_queries_whatever_its_length(user_factory, state_ar):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secretariat = user_factory(Role.SECRETARIAT, None)
    client = Client()
    client.force_login(secretariat)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/audit/").status_code == 200
        return len(queries)

    audit_record(actor=secretariat, action="create", obj=state_ar)
    before = count()
    for _ in range(20):
        audit_record(actor=secretariat, action="change", obj=state_ar, changes={"x": [1, 2]})
    assert count() == before


def test_the_secretariat_finds_the_log_in_the_wagtail_admin(user_factory, state_ar):
    secretariat = user_factory(Role.SECRETARIAT, None)
    focal = user_factory(Role.FOCAL_POINT, state_ar)
    client = Client()
    client.force_login(secretariat)
    assert "/en/audit/" in client.get("/admin/").content.decode()
    client.force_login(focal)
    assert "/en/audit/" not in client.get("/admin/").content.decode()
