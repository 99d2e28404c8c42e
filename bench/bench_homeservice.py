"""Home service: "Việc nhờ" for a member of an area of 2,000 households with 300 open requests,
500 request steps synced from a phone, and the board at 5,000 requests.

Page times are measured around the Django test client call (30 renders, p95); sync time is the
endpoint's own Server-Timing header. Each figure runs in a fresh SQLite database of its own.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import PY, ROOT, bench_env, manage, report  # noqa: E402

HOUSEHOLDS = 2000
OPEN_REQUESTS = 300
BOARD_REQUESTS = 5000
STEPS = 500


def _setup(requests: int, *, small: int = 0):
    """One ward, an area of 2,000 households, `requests` open requests there (a tenth vulnerable,
    some overdue), a member, a team leader and a one-stop officer. `small`: a second area's count."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from home.services import ward_site_create
    from homeservice.models import RequestStep, ServiceRequest, Vulnerability
    from qr.models import Procedure
    from teams.models import TeamMember
    from teams.services import team_create, team_member_add
    from wards.generate import generate_people
    from wards.models import Area, Household
    from wards.roles import Role
    from wards.services import membership_grant

    ward = ward_site_create(
        name="Phường Đo Đạc", slug="do-dac", province="Tỉnh", hostname="testserver"
    )
    big = Area.objects.create(ward=ward, code="kp1", name="Khu phố 1")
    other = Area.objects.create(ward=ward, code="kp2", name="Khu phố 2")
    today = timezone.localdate()
    generate_people(ward=ward, areas=[big], households_per_area=HOUSEHOLDS, seed=11, today=today)
    generate_people(ward=ward, areas=[other], households_per_area=200, seed=12, today=today)
    procedures = [
        Procedure.objects.create(
            ward=ward,
            code=f"1.00{n:04d}",
            name=f"Thủ tục số {n}",
            field="Hộ tịch",
            documents="Tờ khai\nGiấy chứng sinh\nẢnh",
        )
        for n in range(20)
    ]
    User = get_user_model()
    member = User.objects.create_user(username="member", password="x")
    leader = User.objects.create_user(username="leader", password="x")
    officer = User.objects.create_user(username="officer", password="x")
    team = team_create(ward=ward, name="Tổ 1", areas=[big, other])
    team_member_add(team=team, user=member, role=TeamMember.Role.MEMBER, areas=[big])
    team_member_add(team=team, user=leader, role=TeamMember.Role.LEADER)
    membership_grant(user=officer, ward=ward, role=Role.ONE_STOP)
    households = list(Household.objects.filter(area=big).order_by("pk"))
    now = timezone.now()
    rows = []
    for n in range(requests):
        household = households[n % len(households)]
        rows.append(
            ServiceRequest(
                ward=ward,
                area=big,
                household=household,
                procedure=procedures[n % 20],
                source="field_visit",
                consent=True,
                assignee=member if n % 3 else None,
                documents=[
                    {"name": d, "taken": False} for d in ("Tờ khai", "Giấy chứng sinh", "Ảnh")
                ],
                due_on=today + datetime.timedelta(days=(n % 15) - 5),
                created_at=now,
            )
        )
    ServiceRequest.objects.bulk_create(rows, batch_size=500)
    created = list(ServiceRequest.objects.order_by("pk"))
    RequestStep.objects.bulk_create(
        [RequestStep(request=r, to_status="requested", at=now) for r in created], batch_size=500
    )
    Vulnerability.objects.bulk_create(
        [
            Vulnerability(ward=ward, household=h, kind="elderly_alone", consent=True)
            for h in households[::10]
        ]
    )
    return {"member": member, "leader": leader, "officer": officer, "requests": created}


def _timed(client, path, runs=30):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.95) - 1]


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def worker_field() -> dict:
    from django.test import Client

    from homeservice.models import ServiceRequest

    people = _setup(OPEN_REQUESTS)
    client = Client()
    client.force_login(people["member"])
    p50, p95 = _timed(client, "/doi/viec-nho/")
    many = _queries(client, "/doi/viec-nho/")
    ServiceRequest.objects.filter(pk__in=[r.pk for r in people["requests"][30:]]).delete()
    few = _queries(client, "/doi/viec-nho/")
    return {"p50_ms": p50, "p95_ms": p95, "queries_300": many, "queries_30": few}


def worker_board() -> dict:
    from django.test import Client

    people = _setup(BOARD_REQUESTS)
    results = {}
    for name, user, path in (
        ("leader", people["leader"], "/doi/viec-nho/bang/"),
        ("officer", people["officer"], "/admin/phuc-vu-tai-nha/"),
        ("officer_filtered", people["officer"], "/admin/phuc-vu-tai-nha/?status=open&overdue=on"),
    ):
        client = Client()
        client.force_login(user)
        results[name] = _timed(client, path)
    return {name: {"p50_ms": p50, "p95_ms": p95} for name, (p50, p95) in results.items()}


def worker_sync() -> dict:
    import datetime
    import uuid

    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from homeservice.models import RequestStep

    settings.TEAMS_SYNC_RATE_LIMIT = (1000, 60)
    people = _setup(STEPS // 2)
    soon = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    records = []
    for request in people["requests"]:
        for to in ("scheduled", "visited"):
            fields = {"request": str(request.pk), "to": to}
            if to == "scheduled":
                fields["appointment_at"] = soon
            records.append(
                {"kind": "home_step", "client_uuid": str(uuid.uuid4()), "fields": fields}
            )
    client = Client()
    client.force_login(people["member"])
    body = json.dumps({"records": records})

    def send():
        started = time.perf_counter()
        response = client.post("/api/viec-nho/sync", body, content_type="application/json")
        wall = time.perf_counter() - started
        assert response.status_code == 200, response.content[:300]
        return response.json(), float(response["Server-Timing"].split("dur=")[1]) / 1000, wall

    first, server, wall = send()
    steps = RequestStep.objects.count()
    again, server_again, _ = send()
    return {
        "server_seconds": server,
        "wall_seconds": wall,
        "created": first["created"],
        "refused": first["refused"],
        "resend_duplicates": again["duplicate"],
        "resend_changed": RequestStep.objects.count() != steps,
        "resend_server_seconds": server_again,
    }


def run_worker(kind: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="phuongso-bench-home-") as folder:
        env = bench_env(
            Path(folder) / "home.sqlite3",
            MEDIA_ROOT=str(Path(folder) / "media"),
            ALLOWED_HOSTS="testserver",
        )
        manage("migrate", "--no-input", "-v0", env=env)
        manage("collectstatic", "--no-input", "-v0", env=env)
        done = subprocess.run(
            [str(PY), __file__, "--worker", kind],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.stderr.write(done.stderr[-3000:])
            raise SystemExit(f"the {kind} worker failed")
        out = done.stdout
        return json.loads(out.strip().splitlines()[-1])


def main(parts=("field", "sync", "board")) -> int:
    ok = True
    if "field" in parts:
        ok &= _field()
    if "sync" in parts:
        ok &= _sync()
    if "board" in parts:
        ok &= _board()
    return 0 if ok else 1


def _field() -> bool:
    ok = True
    field = run_worker("field")
    print(
        f"    queries: {field['queries_30']} with 30 open requests, {field['queries_300']} with 300"
    )
    ok &= report(
        "homeservice.field_300_requests_p95_ms",
        field["p95_ms"],
        "ms",
        "<= 200",
        field["p95_ms"] <= 200,
    )
    flat = field["queries_30"] == field["queries_300"]
    ok &= report("homeservice.field_queries_300_vs_30", field["queries_300"], "", "same", flat)
    return ok


def _sync() -> bool:
    ok = True
    sync = run_worker("sync")
    print(
        f"    {sync['created']} created, {sync['refused']} refused, wall {sync['wall_seconds']:.2f} s; "
        f"resent: {sync['resend_duplicates']} duplicates in {sync['resend_server_seconds']:.2f} s"
    )
    ok &= report(
        "homeservice.sync_500_steps_server_s",
        sync["server_seconds"],
        "s",
        "<= 2",
        sync["server_seconds"] <= 2,
    )
    ok &= report(
        "homeservice.sync_500_created", sync["created"], "", "500", sync["created"] == STEPS
    )
    ok &= report(
        "homeservice.resend_changes",
        int(sync["resend_changed"]),
        "",
        "0",
        not sync["resend_changed"],
    )
    return ok


def _board() -> bool:
    ok = True
    board = run_worker("board")
    for name, figures in board.items():
        ok &= report(
            f"homeservice.board_5000_{name}_p95_ms",
            figures["p95_ms"],
            "ms",
            "<= 300",
            figures["p95_ms"] <= 300,
        )
    return ok


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        import django

        django.setup()
        workers = {"field": worker_field, "board": worker_board, "sync": worker_sync}
        print(json.dumps(workers[sys.argv[2]]()))
        sys.exit(0)
    sys.exit(main(tuple(sys.argv[1:]) or ("field", "sync", "board")))
