"""`manage.py stack up|down|status|config`: the production stack on one machine (quality/stack.py).

`sizing --scale small|large [--json PATH]` measures a throw-away stack through nginx (requests/s of
cached, uncached and signed-in pages, memory per worker, database size) for docs/operations.md.

`up` starts nginx (TLS, HTTP/2, gzip, static files) in front of two gunicorn instances, and the
django-tasks worker, on the PostgreSQL and Redis that DATABASE_URL and REDIS_URL name; the processes
keep running after the command returns, and `down` stops them. `--demo` runs a throw-away demo
instance instead (its own database `<name>_stack`, random secrets) to try the stack out.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyberportal.quality.server import ROOT, Instance, drop_bench_database
from cyberportal.quality.stack import (
    Ports,
    Stack,
    fetch,
    make_certificate,
    render_config,
    sizing_run,
    stop_pids,
)


def _ports(value: str) -> tuple[int, ...]:
    try:
        ports = tuple(int(p) for p in value.split(","))
    except ValueError:
        raise CommandError(f"--app-ports: {value!r} is not a comma-separated list of ports") from None
    if len(ports) != 2 or not all(0 < p < 65536 for p in ports):
        raise CommandError(f"--app-ports: {value!r} must name two TCP ports, e.g. 8251,8252")
    return ports


class Command(BaseCommand):
    help = "The production stack on one machine: up, down, status, or config (print nginx's file)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["up", "down", "status", "config", "sizing"])
        parser.add_argument(
            "--dir", default=str(ROOT / "data" / "stack"), help="Its logs, pids, nginx prefix."
        )
        parser.add_argument("--demo", action="store_true", help="A throw-away demo instance (own database).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance (2).")
        parser.add_argument("--https-port", type=int, default=8443)
        parser.add_argument("--http-port", type=int, default=8280)
        parser.add_argument("--app-ports", default="8251,8252", help="The two app instances' ports.")
        parser.add_argument("--server-name", default="localhost", help="nginx's server_name (config).")
        parser.add_argument("--scale", choices=["small", "large"], default="small", help="sizing: the data.")
        parser.add_argument("--json", help="sizing: also write the figures to this file.")
        parser.add_argument("--duration", type=int, default=5, help="sizing: seconds of load per page.")
        parser.add_argument("--connections", type=int, default=8, help="sizing: concurrent connections.")

    def handle(self, *args, **opts):
        workdir = Path(opts["dir"]).resolve()
        ports = Ports(https=opts["https_port"], http=opts["http_port"], apps=_ports(opts["app_ports"]))
        action = opts["action"]
        if action == "config":
            self._config(workdir, ports, opts)
        elif action == "up":
            self._up(workdir, ports, opts)
        elif action == "sizing":
            self._sizing(ports, opts)
        elif action == "down":
            self._down(workdir)
        else:
            self._status(workdir)

    def _config(self, workdir: Path, ports: Ports, opts) -> None:
        static_root = Path(os.environ.get("STATIC_ROOT", ROOT / "data" / "static"))
        self.stdout.write(
            render_config(
                ports=ports,
                static_root=static_root,
                certificate=Path("/etc/ssl/certs/cyberportal.pem"),
                certificate_key=Path("/etc/ssl/private/cyberportal.key"),
                server_name=opts["server_name"],
                listen_address="0.0.0.0",
            )
        )

    def _up(self, workdir: Path, ports: Ports, opts) -> None:
        if (workdir / "stack.json").exists():
            raise CommandError(f"A stack is already recorded in {workdir}: `stack down` first (or --dir).")
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            if opts["demo"]:
                if not os.environ.get("REDIS_URL"):
                    raise CommandError(
                        "Set REDIS_URL (e.g. redis://127.0.0.1:6379/10): the stack shares one Redis."
                    )
                stack = Stack.throwaway(
                    database_url=os.environ.get("DATABASE_URL") or None,
                    redis_url=os.environ["REDIS_URL"],
                    workdir=workdir,
                    ports=ports,
                    workers=opts["workers"],
                )
            else:
                stack = Stack.from_environment(workdir, ports=ports, workers=opts["workers"])
            stack.detached = True
            self.stderr.write(
                "Preparing (migrate, collectstatic" + (", the demo" if opts["demo"] else "") + ") ..."
            )
            stack.prepare(demo=opts["demo"])
            make_certificate(workdir / "nginx")
            stack.start()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        path = stack.save_state()
        self.stdout.write(f"The stack is up at {stack.base_url}/ (self-signed certificate); state in {path}")
        self.stdout.write(json.dumps(stack.state()["pids"]))

    def _sizing(self, ports: Ports, opts) -> None:
        if not os.environ.get("REDIS_URL"):
            raise CommandError("Set REDIS_URL (e.g. redis://127.0.0.1:6379/10): the stack shares one Redis.")
        stack = Stack.throwaway(
            database_url=os.environ.get("DATABASE_URL") or None,
            redis_url=os.environ["REDIS_URL"],
            ports=ports,
            workers=opts["workers"],
        )
        try:
            started = time.monotonic()
            stack.prepare()
            prepared = json.loads(
                stack.manage("bench_prepare", "--scale", opts["scale"]).strip().splitlines()[-1]
            )
            instance = Instance(database_url=stack.env["DATABASE_URL"], workdir=stack.workdir, port=0)
            stack.start()
            report = sizing_run(
                stack, prepared["sessions"], connections=opts["connections"], duration=opts["duration"]
            )
            report.update(
                scale=opts["scale"],
                generated=prepared["generated"],
                prepare_s=round(time.monotonic() - started),
                database=stack.env["DATABASE_URL"].split(":", 1)[0],
                database_size_mb=instance.database_size_mb(),
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        finally:
            stack.stop()
            shutil.rmtree(stack.workdir, ignore_errors=True)
        text = json.dumps(report, indent=2)
        if opts["json"]:
            Path(opts["json"]).write_text(text + "\n")
        self.stdout.write(text)

    def _down(self, workdir: Path) -> None:
        path = workdir / "stack.json"
        if not path.exists():
            raise CommandError(f"No stack recorded in {workdir} (nothing to stop).")
        state = json.loads(path.read_text())
        stopped = stop_pids(state["pids"])
        if state.get("throwaway_database") and os.environ.get("DATABASE_URL", "").startswith("postgres"):
            url = os.environ["DATABASE_URL"]
            drop_bench_database(url.rsplit("/", 1)[0] + "/" + url.rsplit("/", 1)[1] + "_stack")
        path.unlink()
        self.stdout.write(f"Stopped: {', '.join(stopped) or 'nothing was running'}.")

    def _status(self, workdir: Path) -> None:
        path = workdir / "stack.json"
        if not path.exists():
            raise CommandError(f"No stack recorded in {workdir}.")
        state = json.loads(path.read_text())
        report = {"base_url": state["base_url"], "processes": {}}
        for name, pid in state["pids"].items():
            report["processes"][name] = {"pid": pid, "running": Path(f"/proc/{pid}").exists()}
        try:
            report["healthz"] = fetch(state["base_url"] + "/healthz", timeout=5)[0]
        except OSError as error:
            report["healthz"] = str(error)
        self.stdout.write(json.dumps(report, indent=2))
        if report["healthz"] != 200 or not all(p["running"] for p in report["processes"].values()):
            raise CommandError("The stack is not fully up.")
