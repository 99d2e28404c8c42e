"""The rating page under load (cookie-less, gunicorn 2 workers, 16 clients), its weight, and the
cost of scheduling 10,000 rating requests and handing them to the notice service.

Run: `bench/run feedback` (or `.venv/bin/python bench/bench_feedback.py`), SQLite. `--postgres`
repeats the scheduling figures on a fresh PostgreSQL database (fb_db_bench).
"""

import gzip
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import (
    fresh_postgres,
    gunicorn,
    load,
    manage,
    prepared_site,
    report,
    transferred_bytes,
)  # noqa: E402

# Handing requests to the notice service costs a notice row and a queued task each: measured on a
# sample, reported per request.
HAND = 1_000

A_REQUEST = """
import datetime
from django.utils import timezone
from feedback import tokens
from feedback.models import RatingRequest
from wards.models import Ward
ward = Ward.objects.get(slug="hoa-an")
now = timezone.now()
r = RatingRequest.objects.create(ward=ward, kind="visit", ref="rating-page", phone="+84912000999",
    due_at=now, expires_at=now + datetime.timedelta(days=14), status="sent")
print("TOKEN", tokens.make(r.pk))
"""

SCHEDULE = """
import time
from django.utils import timezone
from feedback.models import FeedbackSettings, RatingRequest
from feedback.services.ratings import rating_requests_schedule, rating_requests_send_due
from wards.models import Resident, Ward
from wards.served import Served
ward = Ward.objects.get(slug="hoa-an")
setup = FeedbackSettings.for_site(ward.site); setup.delay_minutes = 0; setup.save()
areas = list(ward.areas.values_list("pk", flat=True))
served = [Served(ward_id=ward.pk, kind="visit", ref=f"bench-{i}", phone=f"+8491{i:07d}",
    area_id=areas[i % len(areas)]) for i in range(10_000)]
start = time.perf_counter()
rating_requests_schedule(services=served)
print("SCHEDULED", time.perf_counter() - start, RatingRequest.objects.filter(ref__startswith="bench-").count())
start = time.perf_counter()
for one in served[:500]:
    rating_requests_schedule(services=[Served(**{**one.__dict__, "ref": one.ref + "-one"})])
print("ONE_BY_ONE_500", time.perf_counter() - start)
RatingRequest.objects.filter(ref__endswith="-one").delete()
start = time.perf_counter()
sent = rating_requests_send_due(limit=HAND_LIMIT)
print("HANDED", time.perf_counter() - start, sent)
"""


def figures(env) -> dict:
    out = manage("shell", "-c", SCHEDULE.replace("HAND_LIMIT", str(HAND)), env=env)
    values = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("SCHEDULED", "ONE_BY_ONE_500", "HANDED"):
            values[parts[0]] = [float(p) for p in parts[1:]]
    return values


def scheduling(env, label: str) -> bool:
    values = figures(env)
    seconds, count = values["SCHEDULED"]
    ok = report(
        f"feedback.schedule_10000_s.{label}", seconds, "s", "<= 5", seconds <= 5 and count == 10_000
    )
    one = values["ONE_BY_ONE_500"][0]
    print(
        f"{'feedback.schedule_one_at_a_time_ms.' + label:<48} {1000 * one / 500:>10.1f} ms     (per served event)"
    )
    handed_s, handed = values["HANDED"]
    print(
        f"{'feedback.hand_to_notices_ms_each.' + label:<48} {1000 * handed_s / max(handed, 1):>10.1f} ms     ({handed:.0f} handed in {handed_s:.1f} s)"
    )
    return ok


def main() -> int:
    ok = True
    with prepared_site() as env, gunicorn(env) as base:
        token = re.search(r"TOKEN (\S+)", manage("shell", "-c", A_REQUEST, env=env)).group(1)
        url = f"{base}/dg/{token}/"
        with urllib.request.urlopen(url) as response:
            html = response.read()
            cookies = response.headers.get_all("Set-Cookie") or []
        assets = re.findall(r'href="(/static/[^"]+\.css)"', html.decode())
        weight = (len(gzip.compress(html)) + transferred_bytes([base + a for a in assets])) / 1024
        ok &= report(
            "feedback.rating_page_html_css_compressed_kb", weight, "KB", "<= 15", weight <= 15
        )
        ok &= report("feedback.rating_page_cookies_set", len(cookies), "", "0", not cookies)
        load(url, seconds=3)  # warm up
        result = load(url, seconds=10)
        ok &= report(
            "feedback.rating_page_rps (2w, 16 clients)",
            result["rps"],
            "req/s",
            ">= 1000",
            result["rps"] >= 1000,
        )
        ok &= report("feedback.rating_page_p95_ms", result["p95_ms"], "ms", "info", True)
        ok &= report(
            "feedback.rating_page_errors", result["errors"], "", "0", result["errors"] == 0
        )
        ok &= scheduling(env, "sqlite")
    if "--postgres" in sys.argv:
        with prepared_site(DATABASE_URL=fresh_postgres("fb_db_bench")) as env:
            ok &= scheduling(env, "postgres")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
