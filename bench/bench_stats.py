"""Leaders' dashboard at province scale, on PostgreSQL.

Data (seed_scale into the database `phuongso_scale`): 100 wards × 10 areas × 300 households
(≈ 1,000,000 residents), and per ward 20,000 visits, 50,000 QR scans and 10,000 campaign
messages (2,000,000 / 5,000,000 / 1,000,000 in all), with the stats roll-ups.

The data is seeded once, in stages of 10, 50 and 100 wards, and the figures are taken at each
stage to show how the cost grows; later runs reuse the full database and measure it at 100 %
(`--fresh` seeds again). Server time is gunicorn (2 workers) driven by wrk with as many
connections as workers, so no request waits for another: p95 of the response time.

`--wards 100,300` measures the province view at those sizes of an existing database, adding
wards copied from the seeded ones' roll-ups (bench/clone_wards.py) where it has fewer;
`--province-only` skips the other figures; `--database` names another database.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import WRK_P95, bench_env, fresh_postgres, gunicorn, manage, report  # noqa: E402

DATABASE = "phuongso_scale"
URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
STAGES = (10, 50, 100)
PER_WARD = ["--areas", "10", "--households", "300"]
EXTRAS = ["--visits", "20000", "--scans", "50000", "--messages", "10000", "--rollups"]
BUDGET_WARD_MS, BUDGET_PROVINCE_MS, BUDGET_XLSX_S = 300, 1000, 5

SESSIONS = """
import json
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from wards.models import Ward
from wards.roles import Role
from wards.services import membership_grant

User = get_user_model()
ward = Ward.objects.get(slug="scale-1")
keys = {}
for name, role, where in (("bench_lanhdao", Role.LEADER, ward), ("bench_tinh", Role.PROVINCE_ADMIN, None)):
    user, _ = User.objects.get_or_create(username=name)
    membership_grant(user=user, ward=where, role=role)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    keys[name] = session.session_key
print("SESSIONS " + json.dumps(keys))
"""

COUNTS = """
from wards.models import Ward, Resident
from teams.models import Visit
from qr.models import Scan
from campaigns.models import Recipient
print("COUNTS", Ward.objects.count(), Resident.objects.count(),
      Visit.objects.count(), Scan.objects.count(), Recipient.objects.count())
"""

REFRESH = """
import time
from stats import rollups
from wards.models import Resident, Ward
from wards.services import adoption_event_record
ward = Ward.objects.get(slug="scale-1")
started = time.perf_counter()
rollups.rollup_ward(ward=ward)
full = time.perf_counter() - started
resident = Resident.objects.filter(household__ward=ward, birth_year__lte=1990).first()
adoption_event_record(resident=resident, milestone="cashless_payment", source="visit", verified=True)
started = time.perf_counter()
rollups.rollup_dirty()
print("ROLLUP", full, time.perf_counter() - started)
"""


def database_exists(name: str = DATABASE) -> bool:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-lqt"], capture_output=True, text=True
    ).stdout
    return any(line.split("|")[0].strip() == name for line in out.splitlines())


def shell(code: str, env: dict, tag: str) -> str:
    out = manage("shell", "-c", code, env=env)
    return next(line for line in out.splitlines() if line.startswith(tag))[len(tag) + 1 :]


def counts(env) -> list[int]:
    return [int(n) for n in shell(COUNTS, env, "COUNTS").split()]


def wrk(url: str, session: str, *, connections: int = 2, seconds: int = 10) -> dict:
    binary = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_P95)
    out = subprocess.run(
        [
            binary,
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            script.name,
            "-H",
            f"Cookie: sessionid={session}",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "p50_ms": int(re.search(r"P50_US (\d+)", out).group(1)) / 1000,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def fetch_seconds(url: str, session: str, times: int = 3) -> tuple[float, int]:
    """The slowest of `times` downloads, and the size of the file."""
    slowest, size = 0.0, 0
    for _ in range(times):
        request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200, response.status
            size = len(response.read())
        slowest = max(slowest, time.perf_counter() - started)
    return slowest, size


def measure(env: dict, stage: int) -> dict:
    sessions = json.loads(shell(SESSIONS, env, "SESSIONS"))
    full, dirty = (float(x) for x in shell(REFRESH, env, "ROLLUP").split())
    with gunicorn(env, workers=2) as base:
        ward, province = sessions["bench_lanhdao"], sessions["bench_tinh"]
        for _ in range(3):  # warm both workers (imports, first queries)
            fetch_seconds(base + "/thong-ke/", ward, 1)
            fetch_seconds(base + "/thong-ke/", province, 1)
        return {
            "stage": stage,
            "ward": wrk(base + "/thong-ke/", ward),
            "province": wrk(base + "/thong-ke/", province),
            "xlsx_s": fetch_seconds(base + "/thong-ke/bao-cao.xlsx", ward)[0],
            "pdf_s": fetch_seconds(base + "/thong-ke/tom-tat.pdf", ward)[0],
            "province_xlsx_s": fetch_seconds(base + "/thong-ke/bao-cao.xlsx", province, 1)[0],
            "rollup_ward_s": full,
            "refresh_one_event_s": dirty,
        }


def province_only(env: dict, stage: int) -> dict:
    sessions = json.loads(shell(SESSIONS, env, "SESSIONS"))
    with gunicorn(env, workers=2) as base:
        for _ in range(3):
            fetch_seconds(base + "/thong-ke/", sessions["bench_tinh"], 1)
        return {"stage": stage, "province": wrk(base + "/thong-ke/", sessions["bench_tinh"])}


def grow(env: dict, wards: int) -> None:
    """Copy seeded wards' roll-ups until the database has `wards` wards."""
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("clone_wards.py")), "--to", str(wards)],
        env=env,
        check=True,
    )


def seed(env: dict, wards: int) -> float:
    started = time.perf_counter()
    print("   ", manage("seed_scale", "--wards", str(wards), *PER_WARD, *EXTRAS, env=env).strip())
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fresh", action="store_true", help="drop and seed the database again")
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--wards", default="", help="e.g. 100,300: province view at these sizes")
    parser.add_argument("--province-only", action="store_true")
    args = parser.parse_args()
    database = args.database
    env = bench_env(DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}")
    manage("collectstatic", "--no-input", "-v0", env=env)
    if args.wards:
        return province_sizes(env, [int(n) for n in args.wards.split(",")], args.province_only)
    results, seeding = [], {}
    if args.fresh or not database_exists(database):
        fresh_postgres(database)
        manage("migrate", "--no-input", "-v0", env=env)
        seeded = 0
        for stage in STAGES:
            seeding[stage] = seed(env, stage - seeded)
            seeded = stage
            print(f"    stage {stage} %: {counts(env)} (wards, residents, visits, scans, messages)")
            results.append(measure(env, stage))
    else:
        have = counts(env)
        print(f"    reusing {DATABASE}: {have} (wards, residents, visits, scans, messages)")
        results.append(measure(env, have[0]))
    ok = True
    for result in results:
        stage = result["stage"]
        ward, province = result["ward"], result["province"]
        print(f"  -- {stage} wards --")
        if stage in seeding:
            report(
                f"stats.seed_seconds.{stage}pct_cumulative_stage", seeding[stage], "s", "-", True
            )
        ok &= report(
            f"stats.ward_dashboard_p95_ms.{stage}pct",
            ward["p95_ms"],
            "ms",
            f"<= {BUDGET_WARD_MS}",
            ward["p95_ms"] <= BUDGET_WARD_MS,
        )
        ok &= report(
            f"stats.province_dashboard_p95_ms.{stage}pct",
            province["p95_ms"],
            "ms",
            f"<= {BUDGET_PROVINCE_MS}",
            province["p95_ms"] <= BUDGET_PROVINCE_MS,
        )
        ok &= report(
            f"stats.ward_xlsx_seconds.{stage}pct",
            result["xlsx_s"],
            "s",
            f"<= {BUDGET_XLSX_S}",
            result["xlsx_s"] <= BUDGET_XLSX_S,
        )
        report(f"stats.ward_pdf_seconds.{stage}pct", result["pdf_s"], "s", "-", True)
        report(f"stats.province_xlsx_seconds.{stage}pct", result["province_xlsx_s"], "s", "-", True)
        report(f"stats.rollup_one_ward_seconds.{stage}pct", result["rollup_ward_s"], "s", "-", True)
        report(
            f"stats.refresh_after_one_event_seconds.{stage}pct",
            result["refresh_one_event_s"],
            "s",
            "-",
            True,
        )
        errors = ward["errors"] + province["errors"]
        ok &= report(f"stats.errors.{stage}pct", errors, "", "0", errors == 0)
    return 0 if ok else 1


def province_sizes(env: dict, sizes: list[int], only: bool) -> int:
    ok = True
    for size in sizes:
        if counts(env)[0] < size:
            grow(env, size)
        wards = counts(env)[0]
        result = province_only(env, wards) if only else measure(env, wards)
        p95 = result["province"]["p95_ms"]
        budget = 300 if wards <= 100 else 400
        print(f"  -- {wards} wards --")
        ok &= report(
            f"stats.province_dashboard_p95_ms.{wards}_wards",
            p95,
            "ms",
            f"<= {budget}",
            p95 <= budget,
        )
        report(
            f"stats.province_dashboard_p50_ms.{wards}_wards",
            result["province"]["p50_ms"],
            "ms",
            "-",
            True,
        )
        report(
            f"stats.province_dashboard_rps.{wards}_wards",
            result["province"]["rps"],
            "req/s",
            "-",
            True,
        )
        errors = result["province"]["errors"]
        ok &= report(f"stats.errors.{wards}_wards", errors, "", "0", errors == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
