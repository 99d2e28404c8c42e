"""`/q/<code>` under load with every scan logged (gunicorn, 2 workers, 16 clients), and the
weight of a procedure page on the wire.

Run: `bench/run qr` (or `.venv/bin/python bench/bench_qr.py`): on SQLite, the embedded default.
`--postgres` measures the redirect again on a fresh PostgreSQL database (phuongso_bench_qr).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import fresh_postgres, gunicorn, manage, prepared_site, report, transferred_bytes  # noqa: E402

PHONE = (
    "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36"
)
WRK_SCRIPT = f"""
wrk.headers["User-Agent"] = "{PHONE}"
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("REQUESTS %d\\n", summary.requests))
end
"""


def wrk(url: str, *, clients: int, seconds: int) -> dict:
    binary = shutil.which("wrk")
    if not binary:
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    out = subprocess.run(
        [binary, "-t2", f"-c{clients}", f"-d{seconds}s", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    other = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "requests": int(re.search(r"REQUESTS (\d+)", out).group(1)),
        "errors": int(other.group(1)) if other else 0,
    }


def scans_logged(env: dict) -> int:
    out = manage("shell", "-c", "from qr.models import Scan; print(Scan.objects.count())", env=env)
    return int(out.strip().splitlines()[-1])


def a_code(env: dict) -> tuple[str, str]:
    out = manage(
        "shell",
        "-c",
        "from qr.models import ShortLink; "
        "l = ShortLink.objects.select_related('procedure').first(); "
        "print(l.code, l.procedure.slug)",
        env=env,
    )
    code, slug = out.strip().splitlines()[-1].split()
    return code, slug


def page_assets(base: str, path: str) -> list[str]:
    html = urllib.request.urlopen(base + path).read().decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    return [base + path] + [base + asset for asset in assets]


def redirects(env: dict, base: str, label: str) -> bool:
    code, _slug = a_code(env)
    url = f"{base}/q/{code}"
    wrk(url, clients=16, seconds=3)  # warm up: imports, connections, the code's cache entry
    before = scans_logged(env)
    result = wrk(url, clients=16, seconds=10)
    logged = scans_logged(env) - before
    ok = report(
        f"qr.redirects_per_second.{label} (2w, 16 clients)",
        result["rps"],
        "req/s",
        ">= 800",
        result["rps"] >= 800,
    )
    ok &= report(
        f"qr.redirect_p95_ms.{label}", result["p95_ms"], "ms", "< 30", result["p95_ms"] < 30
    )
    ok &= report(
        f"qr.redirect_scans_logged_share.{label}",
        100 * logged / max(result["requests"], 1),
        "%",
        ">= 99",
        logged >= 0.99 * result["requests"],
    )
    ok &= report(f"qr.redirect_errors.{label}", result["errors"], "", "0", result["errors"] == 0)
    return ok


def main() -> int:
    ok = True
    with prepared_site() as env, gunicorn(env) as base:
        ok &= redirects(env, base, "sqlite")
        _code, slug = a_code(env)
        size = transferred_bytes(page_assets(base, f"/thu-tuc/{slug}/")) / 1024
        ok &= report("qr.procedure_page_html_css_js_compressed_kb", size, "KB", "<= 40", size <= 40)
        index = transferred_bytes(page_assets(base, "/thu-tuc/")) / 1024
        print(
            f"{'qr.catalogue_page_html_css_compressed_kb (108 procedures)':<48} {index:>10.1f} KB"
        )
    if "--postgres" in sys.argv:
        with (
            prepared_site(DATABASE_URL=fresh_postgres("phuongso_bench_qr")) as env,
            gunicorn(env) as base,
        ):
            ok &= redirects(env, base, "postgres")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
