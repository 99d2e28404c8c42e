"""Teams: a 500-visit batch synced on SQLite and PostgreSQL (and sent again), "Hôm nay" for an area
of 2,000 households, and the field app's shell on the wire.

Server time is the sync view's own Server-Timing header and, for "Hôm nay", the time around the
Django test client call. Each figure runs in a fresh database of its own.
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import PY, ROOT, bench_env, fresh_postgres, gunicorn, manage, prepared_site, report  # noqa: E402

POSTGRES = "postgres://postgres@127.0.0.1:5432/phuongso_bench_teams"
BATCH = 500
AREA_HOUSEHOLDS = 2000
SMALL_AREA_HOUSEHOLDS = 200


# --- worker: runs inside Django, in its own process and database ------------------------------


def _setup_people():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from home.services import ward_site_create
    from teams.models import TeamMember
    from teams.services import team_create, team_member_add
    from wards.generate import generate_people
    from wards.models import Area

    ward = ward_site_create(
        name="Phường Đo Đạc", slug="do-dac", province="Tỉnh Thử", hostname="testserver"
    )
    big = Area.objects.create(ward=ward, code="kp1", name="Khu phố 1")
    small = Area.objects.create(ward=ward, code="kp2", name="Khu phố 2")
    today = timezone.localdate()
    generate_people(
        ward=ward, areas=[big], households_per_area=AREA_HOUSEHOLDS, seed=11, today=today
    )
    generate_people(
        ward=ward, areas=[small], households_per_area=SMALL_AREA_HOUSEHOLDS, seed=12, today=today
    )
    User = get_user_model()
    members = {}
    for name, area in (("member_big", big), ("member_small", small)):
        user = User.objects.create_user(username=name, password="x")
        team = team_create(ward=ward, name=f"Tổ {area.name}", areas=[area])
        team_member_add(team=team, user=user, role=TeamMember.Role.MEMBER)
        members[name] = user
    return big, members


def _batch(area, now):
    """500 visits to 500 households: 1–2 adults met, 1–3 milestones each, a quarter promise a return."""
    import datetime
    import random
    import uuid

    from wards.models import Household

    rng = random.Random(5)
    year = now.year
    households = list(
        Household.objects.filter(area=area).prefetch_related("residents").order_by("pk")[:BATCH]
    )
    actions = ["installed_vneid", "activated_level2", "public_service_account", "cashless"]
    records = []
    for number, household in enumerate(households):
        adults = [
            r for r in household.residents.all() if r.birth_year and year - r.birth_year >= 18
        ]
        met = adults[: rng.choice([1, 2])]
        attendees = [
            {
                "resident_id": r.pk,
                "actions": rng.sample(actions, rng.choice([1, 2, 3])) + ["scam_warning"],
            }
            for r in met
        ]
        follow_up = number % 4 == 0
        records.append(
            {
                "client_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "household_id": household.pk,
                "visited_at": (now - datetime.timedelta(minutes=BATCH - number)).isoformat(),
                "outcome": ("partly" if follow_up else "done") if attendees else "nobody_home",
                "attendees": attendees,
                "follow_up_on": (now.date() + datetime.timedelta(days=7)).isoformat()
                if follow_up and attendees
                else None,
                "follow_up_reason": "Quay lại kích hoạt" if follow_up and attendees else "",
                "notes": "Đo đạc",
                "latitude": 16.0544 if number % 2 else None,
                "longitude": 108.2022 if number % 2 else None,
            }
        )
    return records


def worker_sync() -> dict:
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from teams.models import Visit
    from wards.models import AdoptionEvent

    settings.TEAMS_SYNC_RATE_LIMIT = (1000, 60)
    area, members = _setup_people()
    records = _batch(area, timezone.now())
    client = Client()
    client.force_login(members["member_big"])
    body = json.dumps({"records": records})

    def send():
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post("/api/doi/sync", body, content_type="application/json")
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert response.status_code == 200, response.content[:500]
        server = float(response["Server-Timing"].split("dur=")[1]) / 1000
        return response.json(), server, wall, cpu

    ours = AdoptionEvent.objects.filter(source_ref__startswith="visit:")
    first, server, wall, cpu = send()
    counts = (Visit.objects.count(), ours.count())
    again, server_again, _, _ = send()
    return {
        "server_seconds": server,
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "created": first["created"],
        "refused": first["refused"],
        "events": counts[1],
        "resend_server_seconds": server_again,
        "resend_created": again["created"],
        "resend_duplicates": again["duplicates"],
        "resend_changed": (Visit.objects.count(), ours.count()) != counts,
    }


def worker_today() -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    _area, members = _setup_people()
    clients = {}
    for name, user in members.items():
        clients[name] = Client()
        clients[name].force_login(user)

    def timed(client, path, params=None, runs=30):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(path, params or {})
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        return times[len(times) // 2], times[int(len(times) * 0.95) - 1]

    def queries(client, params=None):
        client.get("/doi/", params or {})
        with CaptureQueriesContext(connection) as captured:
            client.get("/doi/", params or {})
        return len(captured)

    big = clients["member_big"]
    p50, p95 = timed(big, "/doi/")
    search_p50, _ = timed(big, "/doi/", {"q": "le loi"}, runs=15)
    last_p50, _ = timed(big, "/doi/", {"trang": AREA_HOUSEHOLDS // 20}, runs=15)
    return {
        "p50_ms": p50,
        "p95_ms": p95,
        "search_p50_ms": search_p50,
        "last_page_p50_ms": last_p50,
        "queries_2000": queries(big),
        "queries_200": queries(clients["member_small"]),
        "queries_2000_page_50": queries(big, {"trang": 50}),
    }


def run_worker(kind: str, database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="phuongso-bench-teams-") as folder:
        env = bench_env(
            Path(folder) / "teams.sqlite3",
            MEDIA_ROOT=str(Path(folder) / "media"),
            ALLOWED_HOSTS="testserver",
        )
        if database_url:
            env["DATABASE_URL"] = database_url
            fresh_postgres(urllib.parse.urlparse(database_url).path.lstrip("/"))
        manage("migrate", "--no-input", "-v0", env=env)
        manage("collectstatic", "--no-input", "-v0", env=env)
        out = subprocess.run(
            [str(PY), __file__, "--worker", kind],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])


# --- the shell, over HTTP through gunicorn -------------------------------------------------------


def shell_bytes(base: str) -> tuple[int, list[str]]:
    """Bytes on the wire for "Hôm nay" as a signed-in member's phone loads it, with its assets."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = opener.open(base + "/dang-nhap/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    form = urllib.parse.urlencode(
        {"username": "tovien", "password": "phuongso-demo", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base + "/dang-nhap/", data=form, headers={"Referer": base})
    opener.open(request).read()
    html = opener.open(base + "/doi/").read().decode()
    urls = ["/doi/"] + re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    urls += ["/doi/sw.js", "/doi/manifest.webmanifest"]
    manifest = json.loads(opener.open(base + "/doi/manifest.webmanifest").read())
    urls.append(manifest["icons"][0]["src"])
    total = 0
    for url in urls:
        request = urllib.request.Request(base + url, headers={"Accept-Encoding": "br, gzip"})
        with opener.open(request) as response:
            total += len(response.read())
    return total, urls


def main() -> int:
    ok = True
    for label, url in (("sqlite", None), ("postgres", POSTGRES)):
        result = run_worker("sync", url)
        print(
            f"    {label}: {result['created']} created, {result['events']} events, "
            f"wall {result['wall_seconds']:.2f} s, web process CPU {result['cpu_seconds']:.2f} s; "
            f"resent: {result['resend_duplicates']} duplicates "
            f"in {result['resend_server_seconds']:.2f} s"
        )
        seconds = result["server_seconds"]
        ok &= report(f"teams.sync_500_visits_server_s.{label}", seconds, "s", "<= 3", seconds <= 3)
        ok &= report(
            f"teams.sync_500_created.{label}",
            result["created"],
            "",
            "500",
            result["created"] == BATCH,
        )
        changed = result["resend_created"] + int(result["resend_changed"])
        ok &= report(f"teams.resend_500_creates.{label}", changed, "", "0", changed == 0)

    today = run_worker("today", None)
    print(
        f"    search p50 {today['search_p50_ms']:.1f} ms, last page p50 "
        f"{today['last_page_p50_ms']:.1f} ms"
    )
    ok &= report("teams.today_2000_households_p50_ms", today["p50_ms"], "ms", "<= 200", True)
    ok &= report(
        "teams.today_2000_households_p95_ms",
        today["p95_ms"],
        "ms",
        "<= 200",
        today["p95_ms"] <= 200,
    )
    flat = today["queries_2000"] == today["queries_200"] == today["queries_2000_page_50"]
    print(
        f"    queries: {today['queries_200']} for 200 households, {today['queries_2000']} for "
        f"2,000, {today['queries_2000_page_50']} for page 50 of 2,000"
    )
    ok &= report(
        "teams.today_queries_2000_vs_200_households",
        today["queries_2000"],
        "",
        "same",
        flat,
    )

    with prepared_site() as env, gunicorn(env) as base:
        size, urls = shell_bytes(base)
        print("    shell:", " ".join(urls))
        kb = size / 1024
        ok &= report("teams.field_shell_compressed_kb", kb, "KB", "<= 80", kb <= 80)
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        import django

        django.setup()
        kind = sys.argv[2]
        print(json.dumps(worker_sync() if kind == "sync" else worker_today()))
        sys.exit(0)
    sys.exit(main())
