"""Household import through its django-q2 tasks: rows per second for the preview and the confirm,
and how steadily the progress bar moves, on SQLite and PostgreSQL.

Runs what the admin runs: `import_job_create` queues the preview, `import_job_confirm_queue` the
confirm, and a real `manage.py qcluster` does the work, while this process reads the job row as the
progress page does. ROWS households (default 50,000, the issue's size) on a fresh database with one
ward and three areas; each database runs in its own process. "Longest still" is the longest time the
bar did not move while a task ran.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = int(os.environ.get("ROWS", "50000"))
POLL_S = float(os.environ.get("POLL_S", "0.25"))


def watch(job, until) -> tuple[float, float, float]:
    """Seconds from now until the job reaches one of `until`, until the bar first moved, and the
    longest the bar stood still after that."""
    started = time.perf_counter()
    done, first, last_move, still = 0, None, started, 0.0
    while True:
        job.refresh_from_db(fields=["status", "rows_done", "error"])
        now = time.perf_counter()
        if job.rows_done != done:
            if first is None:
                first = now - started
            else:
                still = max(still, now - last_move)
            done, last_move = job.rows_done, now
        if job.status in until:
            return now - started, first or 0.0, still


def stop(cluster: subprocess.Popen) -> None:
    """Stop the cluster this benchmark started (its own process group), killing it if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(cluster.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            cluster.wait(timeout=15)
            return


def one() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--no-input", verbosity=0)
    from home.services import ward_site_create
    from wards.import_runs import import_job_confirm_queue, import_job_create
    from wards.models import Area, Household, ImportJob

    ward = ward_site_create(name="Phường Đo", slug="do", province="Tỉnh", hostname="do.test")
    for n in (1, 2, 3):
        Area.objects.create(ward=ward, code=f"kp{n}", name=f"Khu phố {n}")
    user = get_user_model().objects.create_user("do", password="x")
    lines = ["khu_pho,dia_chi,chu_ho,dien_thoai,so_nhan_khau"]
    lines += [
        f"kp{n % 3 + 1},{n} Nguyễn Huệ,Người Thứ {n},09{n % 10**8:08d},{n % 6 + 1}"
        for n in range(ROWS)
    ]
    content = ("\n".join(lines) + "\n").encode()
    vendor = connection.vendor

    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=os.environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(3)  # the cluster's start is not the import's time
        Status = ImportJob.Status
        job = import_job_create(
            importer="ho-gia-dinh", ward=ward, user=user, filename="do.csv", content=content
        )
        preview = watch(job, (Status.PREVIEWED, Status.FAILED))
        job.refresh_from_db()
        queued = import_job_confirm_queue(job=job)
        confirm = watch(job, (Status.DONE, Status.FAILED)) if queued else (0, 0, 0)
    finally:
        stop(cluster)
    job.refresh_from_db()
    written = Household.objects.filter(ward=ward).count()
    reported = job.summary.get("written", {}).get("new", 0)
    for name, (seconds, first, still) in (("preview", preview), ("confirm", confirm)):
        rate = ROWS / seconds if seconds else 0
        print(
            f"import {name} {vendor:<10} {ROWS:>6} rows {rate:>8.0f} rows/s ({seconds:.1f} s);"
            f" bar first moved after {first:.1f} s, then stood still at most {still:.1f} s"
        )
    print(
        f"import written {vendor:<10} {written:>6} rows, reported {reported}, status {job.status},"
        f" problems {job.summary.get('problem_count', 0)} {job.error}"
    )
    sys.exit(0 if written == reported == ROWS and job.status == Status.DONE else 1)


def main() -> int:
    from bench.lib import fresh_postgres

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0"}
    status = 0
    with tempfile.TemporaryDirectory(prefix="phuongso-import-") as folder:
        databases = [f"sqlite:///{Path(folder) / 'import.sqlite3'}"]
        if os.environ.get("SKIP_POSTGRES") != "1":
            try:
                databases.append(fresh_postgres("benchimp"))
            except (OSError, subprocess.CalledProcessError):
                print("PostgreSQL not reachable: SQLite only")
        for url in databases:
            result = subprocess.run(
                [sys.executable, __file__, "--one"],
                env={**env, "DATABASE_URL": url, "MEDIA_ROOT": folder},
                cwd=ROOT,
            )
            status |= result.returncode
    return status


if __name__ == "__main__":
    if "--one" in sys.argv:
        one()
    else:
        sys.exit(main())
