"""`dev.py demo --port N` prints and serves the address it really uses, not port 8000."""

import importlib.util
import os
from pathlib import Path

import pytest
from django.core.management import call_command

DEV = Path(__file__).resolve().parents[3] / "dev.py"


@pytest.fixture
def dev(monkeypatch):
    spec = importlib.util.spec_from_file_location("dev_under_test", DEV)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calls = []
    monkeypatch.setattr(module, "setup_instance", lambda: None)
    monkeypatch.setattr(module, "manage", lambda *args, **kw: calls.append(args))
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.append(tuple(argv)))
    monkeypatch.setattr(os, "environ", {})
    return module, calls


@pytest.mark.parametrize("argv", [["demo", "--port", "8123"], ["demo", "--port=8123"]])
def test_demo_prints_and_serves_the_port_it_was_given(dev, argv, capsys):
    module, calls = dev

    module.main(argv)

    assert ("demo_accounts", "--address", "http://127.0.0.1:8123") in calls
    assert calls[-1][-2:] == ("127.0.0.1:8123", "--noreload")
    assert os.environ["CYBERPORTAL_BASE_URL"] == "http://127.0.0.1:8123"
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_demo_refuses_a_port_that_is_not_one(dev):
    module, _calls = dev
    with pytest.raises(SystemExit, match="not a TCP port"):
        module.main(["demo", "--port", "80a"])


@pytest.mark.django_db
def test_demo_accounts_print_the_address_given(capsys):
    call_command("demo_accounts", address="http://127.0.0.1:8123")

    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/en/accounts/sign-in/" in out and ":8000" not in out
