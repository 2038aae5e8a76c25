"""The production stack on one machine: nginx (TLS, HTTP/2, gzip, static files) in front of two gunicorn
instances, the django-tasks worker, PostgreSQL and Redis (the machine's own services, given by
DATABASE_URL and REDIS_URL).

`manage.py stack up|down|status|config` drives it from the command line; tests, the soak and the bench
use the Python API:

    stack = Stack.throwaway(database_url=..., redis_url="redis://127.0.0.1:6379/10")
    stack.prepare()            # migrate, reference data, demo, collectstatic (a throw-away instance)
    stack.start()              # certificate, nginx config, instances a and b, worker, nginx
    stack.base_url             # https://localhost:8443
    stack.stop_instance("a"); stack.start_instance("a")
    stack.stop()

Secrets (SECRET_KEY, AUDIT_HMAC_KEYS, database and Redis passwords) travel only in the processes'
environment, never in a file the stack writes. nginx runs as the caller's own process with its own
prefix (a folder of the stack's): no root paths, no system service touched.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import signal
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cyberportal.quality.server import PYTHON, ROOT, Instance, bench_database_url, drop_bench_database

NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
TEMPLATE = ROOT / "deploy" / "nginx" / "cyberportal.conf"
INSTANCE_NAMES = ("a", "b")


@dataclass
class Ports:
    https: int = 8443
    http: int = 8280
    apps: tuple[int, ...] = (8251, 8252)


def nginx_missing() -> str:
    """Why nginx cannot run here ('' when it can)."""
    if not (Path(NGINX).is_file() or shutil.which(NGINX)):
        return f"nginx not found at {NGINX} (Debian: apt-get install nginx-light)"
    return ""


def render_config(
    *,
    ports: Ports,
    static_root: Path,
    certificate: Path,
    certificate_key: Path,
    server_name: str = "localhost",
    listen_address: str = "127.0.0.1",
    max_body_mb: int = 25,
) -> str:
    """deploy/nginx/cyberportal.conf with its placeholders filled in."""
    values = {
        "upstream_servers": "\n".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports.apps
        ),
        "http_listen": f"{listen_address}:{ports.http}",
        "https_listen": f"{listen_address}:{ports.https}",
        "https_port_suffix": "" if ports.https == 443 else f":{ports.https}",
        "server_name": server_name,
        "certificate": str(certificate),
        "certificate_key": str(certificate_key),
        "static_root": str(static_root).rstrip("/"),
        "max_body_mb": str(max_body_mb),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise ValueError(
            f"{TEMPLATE}: a placeholder was left unfilled near {text[text.index('{{') :][:40]!r}"
        )
    return text


def make_certificate(
    folder: Path, hostnames: tuple[str, ...] = ("localhost", "127.0.0.1")
) -> tuple[Path, Path]:
    """A self-signed certificate for the given names (kept when already there): (certificate, key)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    key = ec.generate_private_key(ec.SECP256R1())
    names = []
    for host in hostnames:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path.touch(mode=0o600)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def _main_config(prefix: Path, site_config: Path) -> str:
    """nginx's main file for a process of our own: everything (pid, logs, temporary files) in `prefix`."""
    # As root, nginx's workers drop to nobody: they must be able to read the static files and write the
    # temporary folders (made world-readable / theirs below).
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp = prefix / "tmp"
    return (
        f"{user}worker_processes 1;\n"
        f"pid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    sendfile on;\n"
        "    keepalive_timeout 65;\n"
        f"    access_log {prefix / 'access.log'};\n"
        f"    client_body_temp_path {temp / 'body'};\n"
        f"    proxy_temp_path {temp / 'proxy'};\n"
        f"    fastcgi_temp_path {temp / 'fastcgi'};\n"
        f"    uwsgi_temp_path {temp / 'uwsgi'};\n"
        f"    scgi_temp_path {temp / 'scgi'};\n"
        f"    include {site_config};\n"
        "}\n"
    )


@dataclass
class Stack:
    """One machine's stack: `env` is what every process gets (secrets included, never written)."""

    workdir: Path
    env: dict[str, str]
    ports: Ports = field(default_factory=Ports)
    workers: int = 2
    throwaway_database: str | None = None  # dropped by stop() when the stack created it
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    detached: bool = False  # `stack up`: processes outlive the command (their own session)

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def throwaway(
        cls,
        *,
        database_url: str | None,
        redis_url: str,
        workdir: Path | None = None,
        ports: Ports | None = None,
        workers: int = 2,
        extra_env: dict[str, str] | None = None,
    ) -> Stack:
        """A stack on a new, empty database (`<name>_stack` on PostgreSQL, or a SQLite file), with
        random secrets: for tests, the soak, the bench and trying the stack out."""
        import tempfile

        workdir = workdir or Path(tempfile.mkdtemp(prefix="cyberportal-stack-"))
        database = bench_database_url(database_url, workdir, suffix="stack")
        instance = Instance(database_url=database, workdir=workdir, port=0)
        ports = ports or Ports()
        env = instance.env()
        env.update(
            REDIS_URL=redis_url,
            ALLOWED_HOSTS="localhost,127.0.0.1",
            CYBERPORTAL_BASE_URL=f"https://localhost:{ports.https}",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            TRUSTED_PROXIES="127.0.0.1",
            **(extra_env or {}),
        )
        flush_redis(redis_url)  # a new database restarts the page cache's versions: no old page may match
        return cls(
            workdir=workdir,
            env=env,
            ports=ports,
            workers=workers,
            throwaway_database=database if database.startswith("postgres") else None,
        )

    @classmethod
    def from_environment(cls, workdir: Path, *, ports: Ports | None = None, workers: int = 2) -> Stack:
        """The operator's stack: DATABASE_URL, REDIS_URL, SECRET_KEY, AUDIT_HMAC_KEYS... from the
        environment (production settings refuse to start without the required ones)."""
        missing = [
            n for n in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "AUDIT_HMAC_KEYS") if not os.environ.get(n)
        ]
        if missing:
            raise RuntimeError(
                f"Set {', '.join(missing)} in the environment (secrets are never read from files)."
            )
        ports = ports or Ports()
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", "cyberportal.settings.production")
        env.setdefault("STATIC_ROOT", str(ROOT / "data" / "static"))
        env.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
        env.setdefault("TRUSTED_PROXIES", "127.0.0.1")
        env.setdefault("DB_CONN_MAX_AGE", "60")
        env.setdefault("SECURE_SSL_REDIRECT", "false")  # nginx redirects HTTP to HTTPS itself
        return cls(workdir=workdir, env=env, ports=ports, workers=workers)

    # --- the parts ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"https://localhost:{self.ports.https}"

    @property
    def static_root(self) -> Path:
        return Path(self.env.get("STATIC_ROOT", self.workdir / "static"))

    def manage(self, *args: str, settings_module: str | None = None) -> str:
        env = dict(self.env)
        if settings_module:
            env["DJANGO_SETTINGS_MODULE"] = settings_module
        completed = subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if completed.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
        return completed.stdout

    def prepare(self, *, demo: bool = True) -> None:
        """Migrate (primary only), collect the static files; a throw-away stack also gets the demo."""
        local = "cyberportal.settings.local"  # the demo app is installed by the local settings only
        self.manage("migrate", "--no-input", "-v", "0", settings_module=local if demo else None)
        self.manage("moderation_setup", settings_module=local if demo else None)
        if demo:
            self.manage("load_reference_data", settings_module=local)
            self.manage("load_demo", settings_module=local)
        self.manage("collectstatic", "--no-input", "-v", "0")

    def write_nginx_config(self) -> Path:
        prefix = self.workdir / "nginx"
        for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        certificate, key = make_certificate(prefix)
        site = prefix / "cyberportal.conf"
        site.write_text(
            render_config(
                ports=self.ports, static_root=self.static_root, certificate=certificate, certificate_key=key
            )
        )
        main = prefix / "nginx.conf"
        main.write_text(_main_config(prefix, site))
        if os.geteuid() == 0:  # nginx's workers run as nobody: let them read and write what they need
            nobody = 65534
            for path in (prefix / "tmp", *(prefix / "tmp").iterdir()):
                os.chown(path, nobody, -1)
            for path in (self.workdir, self.static_root):
                path.chmod(path.stat().st_mode | 0o055)
        return main

    def _spawn(self, name: str, argv: list[str]) -> None:
        log = open(self.workdir / f"{name}.log", "a")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=self.detached,
        )

    def start_instance(self, name: str) -> None:
        port = self.ports.apps[INSTANCE_NAMES.index(name)]
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        self._spawn(
            f"app-{name}",
            [
                gunicorn,
                "cyberportal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "--forwarded-allow-ips",
                "127.0.0.1",
            ],
        )
        wait_for(
            f"http://127.0.0.1:{port}/healthz",
            self.processes[f"app-{name}"],
            self.workdir / f"app-{name}.log",
        )

    def stop_instance(self, name: str) -> None:
        """Stop one app instance as an operator would (SIGTERM: finish the requests under way)."""
        _terminate(self.processes.pop(f"app-{name}", None))

    def start(self) -> None:
        problem = nginx_missing()
        if problem:
            raise RuntimeError(problem)
        config = self.write_nginx_config()
        try:
            for name in INSTANCE_NAMES[: len(self.ports.apps)]:
                self.start_instance(name)
            self._spawn("worker", [PYTHON, str(ROOT / "manage.py"), "db_worker"])
            self._spawn("nginx", [NGINX, "-p", str(config.parent), "-c", str(config), "-g", "daemon off;"])
            wait_for(f"{self.base_url}/healthz", self.processes["nginx"], config.parent / "error.log")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for name in ("nginx", "worker", *(f"app-{n}" for n in INSTANCE_NAMES)):
            _terminate(self.processes.pop(name, None))
        if self.throwaway_database:
            drop_bench_database(self.throwaway_database)
            self.throwaway_database = None

    # --- detached (`stack up` / `down` / `status`) -----------------------------------------------
    def state(self) -> dict:
        """What `stack down` and `stack status` need later: pids and ports, no secret."""
        return {
            "base_url": self.base_url,
            "workdir": str(self.workdir),
            "ports": {"https": self.ports.https, "http": self.ports.http, "apps": list(self.ports.apps)},
            "pids": {name: process.pid for name, process in self.processes.items()},
            "throwaway_database": bool(self.throwaway_database),
        }

    def save_state(self) -> Path:
        path = self.workdir / "stack.json"
        path.write_text(json.dumps(self.state(), indent=2))
        return path


def flush_redis(redis_url: str) -> None:
    """Empty the Redis database a throw-away stack uses (never an operator's: only `throwaway` calls it)."""
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=5)
    client.flushdb()
    client.close()


def insecure_tls() -> ssl.SSLContext:
    """A client context for the stack's own self-signed certificate (loopback only)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def fetch(url: str, *, headers: dict | None = None, timeout: float = 20) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=insecure_tls()) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch_once(url: str, *, headers: dict | None = None, timeout: float = 60) -> tuple[int, dict, bytes]:
    """Like fetch, without following a redirect."""
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=insecure_tls()))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen | None, log: Path, timeout: float = 60) -> None:
    """Wait for `url` to answer 200 while `process` runs; its log's tail in the error otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped: {_tail(log)}")
        try:
            if fetch(url, timeout=2)[0] == 200:
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f}s: {_tail(log)}")


def _tail(path: Path) -> str:
    return path.read_text()[-2000:] if path.exists() else ""


def _terminate(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def stop_pids(pids: dict[str, int]) -> list[str]:
    """`stack down`: SIGTERM each recorded process (nginx first), wait for it; the names stopped."""
    stopped = []
    order = sorted(pids, key=lambda n: (n != "nginx", n != "worker", n))
    for name in order:
        pid = pids[name]
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        stopped.append(name)
    return stopped


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a child of ours that has exited is a zombie until reaped: not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


# --- sizing: what one machine's stack serves, measured through nginx ---------------------------------
SIZING_PAGES = [
    # (kind, name, path, account): "uncached" pages carry a parameter no view declares, so the page
    # cache renders them on every request without storing them (caching/pagecache.py).
    ("floor", "healthz", "/healthz", None),
    ("cached", "home", "/en/", None),
    ("cached", "states", "/en/states/", None),
    ("cached", "law", "/en/laws/akn/co/act/2009/1273/", None),
    ("uncached", "states", "/en/states/?sizing=1", None),
    ("uncached", "profile", "/en/states/ar/?sizing=1", None),
    ("uncached", "law", "/en/laws/akn/co/act/2009/1273/?sizing=1", None),
    ("uncached", "directory", "/en/directory/?sizing=1", None),
    ("signed-in", "spaces", "/en/spaces/", "expert.ar"),
    ("signed-in", "finder", "/en/directory/finder/", "expert.ar"),
    ("signed-in", "admin", "/admin/", "secretariat"),
]


def wrk_https(url: str, *, headers: dict[str, str], connections: int, duration: int) -> dict:
    """wrk against an https:// address (keep-alive, HTTP/1.1): requests/s, p50/p95/p99 in ms, errors."""
    import tempfile

    from cyberportal.quality.loadgen import WRK_SCRIPT

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script.name, "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    try:
        completed = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=duration + 30, check=True
        )
    finally:
        Path(script.name).unlink(missing_ok=True)
    data = json.loads([ln for ln in completed.stdout.splitlines() if ln.startswith('{"requests"')][-1])
    seconds = data["duration_us"] / 1e6
    return {
        "requests": data["requests"],
        "requests_per_s": round(data["requests"] / seconds, 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "errors": data["errors"],
    }


def app_worker_rss_mb(stack: Stack) -> list[float]:
    """Peak resident memory (VmHWM, MiB) of every gunicorn worker of both instances."""
    peaks = []
    for name, process in stack.processes.items():
        if not name.startswith("app-"):
            continue
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        for pid in children.read_text().split() if children.exists() else []:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(round(int(line.split()[1]) / 1024, 1))
    return peaks


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each of these processes that still runs (from /proc)."""
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return times


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between the two readings by the processes present at both."""
    return sum(after[pid] - before[pid] for pid in before.keys() & after.keys())


def _stack_pids(stack: Stack) -> dict[str, list[int]]:
    """The processes that serve a request: app workers, nginx's workers, the database's backends."""
    pids = {"app": [], "nginx": [], "database": []}
    for name, process in stack.processes.items():
        if name.startswith("app-"):
            pids["app"] += _children(process.pid)
        elif name == "nginx":
            pids["nginx"] += _children(process.pid)
    url = stack.env["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1].split("?")[0]
        with psycopg.connect(
            url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres"
        ) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name]
            ).fetchall()
        pids["database"] = [row[0] for row in rows]
    return pids


def sizing_run(stack: Stack, sessions: dict[str, str], *, connections: int = 8, duration: int = 5) -> dict:
    """Load each SIZING_PAGES page through nginx (warmed first); the figures and the machine.

    Besides requests/s and latencies (which depend on everything else the machine runs), each page
    gets the CPU time its requests cost the app workers, nginx and PostgreSQL (from /proc, divided by
    the requests served): `1000 / cpu_ms_per_request` is what one core can serve, however busy the
    machine was during the run.
    """
    rows = []
    for kind, name, path, account in SIZING_PAGES:
        headers = {"Cookie": sessions[account]} if account else {}  # bench_prepare's Cookie header
        url = stack.base_url + path
        for _ in range(3):  # warm: the page cache (shared in Redis), each worker's first render
            status, answer, _body = fetch_once(url, headers=headers)
        if status != 200:  # a redirect (to the sign-in, say) would measure the wrong page
            raise RuntimeError(f"{path} answered {status} {answer.get('Location', '')}")
        pids = _stack_pids(stack)
        before = {part: _cpu_seconds(p) for part, p in pids.items()}
        load = wrk_https(url, headers=headers, connections=connections, duration=duration)
        requests = max(1, load["requests"])
        cpu_ms = {
            part: round(_cpu_used(before[part], _cpu_seconds(p)) * 1000 / requests, 2)
            for part, p in pids.items()
        }
        total = sum(cpu_ms.values())
        rows.append(
            {
                "kind": kind,
                "page": name,
                "path": path,
                "page_cache": answer.get("X-Page-Cache", ""),
                **load,
                "cpu_ms_per_request": cpu_ms,
                "requests_per_core_s": round(1000 / total, 1) if total else None,
            }
        )
    return {
        "date": datetime.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "workers_per_instance": stack.workers,
        "connections": connections,
        "duration_s": duration,
        "pages": rows,
        "worker_peak_rss_mb": app_worker_rss_mb(stack),
    }
