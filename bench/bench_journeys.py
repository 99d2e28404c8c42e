"""A date-timed journey over 20,000 residents: one minute tick finds and queues the due steps.

Budget: ≤ 2 s a tick on PostgreSQL. Run: ``bench/run journeys`` (``--postgres-only`` skips the
SQLite figure, printed for information; ``BENCH_JOURNEYS_DB`` names the PostgreSQL database,
``benchjourney`` by default). One ward of ≈ 21,000 generated residents (`seed_scale`); 20,000
of them are enrolled with bulk_create in a two-step journey ("level 2 issued" → day 3 → day 10),
as the enrol scan would write them. Two ticks are timed,
each the whole `campaigns.tasks.tick` the cluster runs every minute (enrol scan, due steps as
notices with their delivery tasks queued, held notices released):
- a day's share: the next steps fall due over the coming 30 days, ≈ 1/30 of them at today's
  midnight (the steady state of a journey that enrols residents every day);
- everything due at once (a bulk import of 20,000 "level 2 issued" events three days ago): the
  tick takes its limit of 5,000 and the next ticks take the rest.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import bench_env, fresh_postgres, manage, report  # noqa: E402

RESIDENTS = 20_000
BUDGET_SECONDS = 2.0
# BENCH_JOURNEYS_DB names another database, so two people can run this on one server.
PG_DB = os.environ.get("BENCH_JOURNEYS_DB", "benchjourney")

TICK_SCRIPT = """
import datetime, random, time
from django.utils import timezone
from campaigns.journeys import _due_at
from campaigns.models import Enrolment, Journey, JourneyStep, Notice
from campaigns.tasks import tick
from django_q.models import OrmQ
from wards.models import Milestone, Resident, Ward

ward = Ward.objects.get(slug="scale-1")
journey = Journey.objects.create(
    ward=ward, name="Kích hoạt VNeID mức 2", starts_on=Milestone.VNEID_LEVEL2_ISSUED,
    goal=Milestone.VNEID_LEVEL2_ACTIVATED,
)
JourneyStep.objects.create(journey=journey, position=1, delay_days=3,
                           text="Chào {{ten}}, mời bác kích hoạt VNeID mức 2 trên ứng dụng.")
JourneyStep.objects.create(journey=journey, position=2, delay_days=10,
                           text="Bác {{ten}} đã kích hoạt VNeID mức 2 chưa? Tổ sẽ ghé hỗ trợ.")
ids = list(Resident.objects.filter(household__ward=ward).order_by("pk")
           .values_list("pk", flat=True)[:{residents}])
assert len(ids) == {residents}, len(ids)
# Every enrolled resident can be messaged: the tick does the most work it can.
Resident.objects.filter(pk__in=ids, phone="").update(phone="0912345678")
Resident.objects.filter(pk__in=ids).update(consent_to_messages=True)
now = timezone.now()
today = timezone.localdate()
rng = random.Random(15)

def enrol(started_for):
    Enrolment.objects.all().delete()
    Notice.objects.all().delete()  # their keys would make the next scenario's steps repeats
    OrmQ.objects.all().delete()
    rows = []
    for pk in ids:
        started = started_for()
        rows.append(Enrolment(journey=journey, resident_id=pk, started_on=started,
                              next_position=1, next_due_at=_due_at(started, 3)))
    Enrolment.objects.bulk_create(rows, batch_size=2000)

def timed_tick():
    notices, queued = Notice.objects.count(), OrmQ.objects.count()
    started = time.perf_counter()
    tick(now=now)
    seconds = time.perf_counter() - started
    return seconds, Notice.objects.count() - notices, OrmQ.objects.count() - queued

# Step 1 falls due on one of the next 30 days (today's midnight for about 1/30 of them).
enrol(lambda: today - datetime.timedelta(days=3 - rng.randrange(30)))
due = Enrolment.objects.filter(next_due_at__lte=now).count()
seconds, notices, queued = timed_tick()
print("SHARE", due, f"{{seconds:.3f}}", notices, queued)

enrol(lambda: today - datetime.timedelta(days=3))
seconds, notices, queued = timed_tick()
ticks, drain = 1, seconds
while Enrolment.objects.filter(status="active", next_due_at__lte=now).exists():
    more, n, q = timed_tick()
    ticks, drain, notices, queued = ticks + 1, drain + more, notices + n, queued + q
print("ALL", {residents}, f"{{seconds:.3f}}", ticks, f"{{drain:.3f}}", notices, queued)
"""


def measure(env: dict) -> dict:
    manage("migrate", "--no-input", "-v0", env=env)
    manage("seed_scale", "--wards", "1", "--areas", "10", "--households", "600", env=env)
    out = manage("shell", "-c", TICK_SCRIPT.format(residents=RESIDENTS), env=env)
    lines = {
        line.split()[0]: line.split()[1:]
        for line in out.splitlines()
        if line.startswith(("SHARE ", "ALL "))
    }
    share, every = lines["SHARE"], lines["ALL"]
    return {
        "share_due": int(share[0]),
        "share_seconds": float(share[1]),
        "share_notices": int(share[2]),
        "share_queued": int(share[3]),
        "all_seconds": float(every[1]),
        "all_ticks": int(every[2]),
        "all_drain": float(every[3]),
        "all_notices": int(every[4]),
        "all_queued": int(every[5]),
    }


def print_figures(label: str, result: dict, budgeted: bool) -> bool:
    budget = "<= 2" if budgeted else "(info)"
    print(
        f"    {label}: a day's share {result['share_due']} due → {result['share_notices']} notices, "
        f"{result['share_queued']} delivery tasks queued; all at once: {result['all_notices']} "
        f"notices, {result['all_queued']} tasks in {result['all_ticks']} ticks"
    )
    ok = report(
        f"journeys.tick_20000_days_share_seconds.{label}",
        result["share_seconds"],
        "s",
        budget,
        not budgeted or result["share_seconds"] <= BUDGET_SECONDS,
    )
    ok &= report(
        f"journeys.tick_20000_all_due_first_seconds.{label}",
        result["all_seconds"],
        "s",
        budget,
        not budgeted or result["all_seconds"] <= BUDGET_SECONDS,
    )
    report(
        f"journeys.ticks_to_send_20000_seconds.{label}", result["all_drain"], "s", "(info)", True
    )
    return ok


def main() -> int:
    import tempfile

    url = fresh_postgres(PG_DB)
    ok = print_figures("postgres", measure(bench_env(DATABASE_URL=url)), budgeted=True)
    if "--postgres-only" not in sys.argv:
        with tempfile.TemporaryDirectory(prefix="phuongso-bench-") as folder:
            env = bench_env(DATABASE_URL=f"sqlite:///{folder}/journeys.sqlite3")
            print_figures("sqlite", measure(env), budgeted=False)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
