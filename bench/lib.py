"""Shared pieces of the benchmarks: a gunicorn server on the real settings, and wrk as the load."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
WRK_P95 = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("P50_US %d\\n", latency:percentile(50)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [str(PY), "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def fresh_postgres(name: str) -> str:
    """An empty PostgreSQL database of that name (dropped first if it exists); its URL."""
    server = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *server, "--if-exists", name], check=True)
    subprocess.run(["createdb", *server, name], check=True)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def bench_env(database: Path | None = None, **extra) -> dict:
    """Environment of a throwaway SQLite database (unless DATABASE_URL is set by the caller)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0"}
    if database and "DATABASE_URL" not in os.environ:
        env["DATABASE_URL"] = f"sqlite:///{database}"
    env.update(extra)
    return env


@contextlib.contextmanager
def prepared_site(**extra):
    """A migrated database with the demo ward and collected static files, in a temp folder."""
    with tempfile.TemporaryDirectory(prefix="phuongso-bench-") as folder:
        env = bench_env(
            Path(folder) / "bench.sqlite3", MEDIA_ROOT=str(Path(folder) / "media"), **extra
        )
        manage("migrate", "--no-input", "-v0", env=env)
        manage("collectstatic", "--no-input", "-v0", env=env)
        manage("load_demo", env=env)
        yield env


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2):
    port = free_port()
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        # Gunicorn lets workers finish their requests (30 s by default); on a loaded machine
        # that can outlast a short wait, so wait as long, then kill what is left.
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load(url: str, *, clients: int = 16, seconds: int = 10, threads: int = 2) -> dict:
    """Drive `url` with wrk; returns requests/s, p50 and p95 in milliseconds, and errors."""
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_P95)
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": int(re.search(r"P50_US (\d+)", out).group(1)) / 1000,
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def transferred_bytes(urls: list[str]) -> int:
    """Bytes on the wire for these URLs fetched as a phone would: gzip/brotli accepted."""
    total = 0
    for url in urls:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
        with urllib.request.urlopen(request) as response:
            total += len(response.read())
    return total


def report(name: str, value: float, unit: str, budget: str, ok: bool) -> bool:
    print(f"{name:<48} {value:>10.1f} {unit:<6} budget {budget:<10} {'ok' if ok else 'OVER'}")
    return ok
