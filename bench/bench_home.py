"""Home page under load (gunicorn, 2 workers, 16 clients) and its weight on the wire; seed_scale speed."""

import re
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import (
    bench_env,
    fresh_postgres,
    gunicorn,
    load,
    manage,
    prepared_site,
    report,
    transferred_bytes,
)  # noqa: E402


def page_assets(base: str, path: str) -> list[str]:
    html = urllib.request.urlopen(base + path).read().decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    return [base + path] + [base + asset for asset in assets]


def seed_scale_seconds(postgres: bool) -> float:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        env = bench_env(Path(folder) / "scale.sqlite3")
        if postgres:
            env["DATABASE_URL"] = fresh_postgres("phuongso_bench")
        manage("migrate", "--no-input", "-v0", env=env)
        started = time.perf_counter()
        # 1 ward × 10 areas × 1,000 households ≈ 34,000 residents; three wards ≈ 100,000.
        out = manage("seed_scale", "--wards", "3", "--areas", "10", "--households", "980", env=env)
        seconds = time.perf_counter() - started
        print("   ", out.strip())
        return seconds


def main() -> int:
    ok = True
    with prepared_site() as env, gunicorn(env) as base:
        load(base + "/", seconds=3)  # warm up
        result = load(base + "/", clients=16, seconds=10)
        ok &= report(
            "home.p95_ms (gunicorn 2w, 16 clients)",
            result["p95_ms"],
            "ms",
            "< 50",
            result["p95_ms"] < 50,
        )
        ok &= report(
            "home.requests_per_second", result["rps"], "req/s", ">= 400", result["rps"] >= 400
        )
        ok &= report("home.errors", result["errors"], "", "0", result["errors"] == 0)
        size = transferred_bytes(page_assets(base, "/")) / 1024
        ok &= report("home.html_css_js_compressed_kb", size, "KB", "<= 30", size <= 30)
    for label, postgres in (("sqlite", False), ("postgres", True)):
        seconds = seed_scale_seconds(postgres)
        ok &= report(
            f"seed_scale.100k_residents_seconds.{label}", seconds, "s", "< 60", seconds < 60
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
