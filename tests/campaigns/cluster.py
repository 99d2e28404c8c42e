"""A real django-q2 cluster (`manage.py qcluster`) on a throwaway database, to kill and restart.

Used by the crash test and by bench/bench_campaign_*.py. The cluster runs in its own process
group so SIGKILL takes the whole machine's worth of processes down at once, as a power cut or
an OOM kill would.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable

SEED = """
import datetime, json, sys
from django.contrib.auth import get_user_model
from campaigns import services
from campaigns.models import ChannelAccount, MessagingPolicy
from home.services import ward_site_create
from wards.models import Area, Household, Milestone, Resident

count, channel, config, rate = {count}, {channel!r}, json.loads({config!r}), {rate}
secret_names = {{"auth_token", "secret_key", "callback_token", "app_secret", "oa_secret_key",
                 "access_token", "refresh_token"}}
from wagtail.models import Site
Site.objects.filter(is_default_site=True, ward__isnull=True).delete()  # Wagtail's welcome site
ward = ward_site_create(name="Phường Đo", slug="do", province="Tỉnh", hostname="localhost",
                        is_default_site=True)
MessagingPolicy.objects.create(ward=ward, send_from=datetime.time(0), send_until=datetime.time(0),
                               approval_threshold=10**9)
area = Area.objects.create(ward=ward, code="kp1", name="Khu phố 1")
households = Household.objects.bulk_create(
    [Household(ward=ward, area=area, code=f"H{{n}}", address=f"{{n}} Lê Lợi", head_name="A",
               search_text="") for n in range(count)], batch_size=2000)
Resident.objects.bulk_create(
    [Resident(household=h, full_name=f"Nguyễn Thị {{n}}", birth_year=1970,
              phone=f"+8491{{n:07d}}", consent_to_messages=True, name_key="")
     for n, h in enumerate(households)], batch_size=2000)
account = ChannelAccount.objects.create(
    ward=ward, channel=channel, name=channel, rate_per_second=rate,
    settings={{k: v for k, v in config.items() if k not in secret_names}},
    secrets={{k: v for k, v in config.items() if k in secret_names}})
user = get_user_model().objects.create_superuser("bench", password="bench-only")
campaign = services.campaign_create(
    ward=ward, by=user, name="Đo", goal=Milestone.VNEID_LEVEL2_ACTIVATED, channel=account,
    body="Chào {{ten}}, mời bác kích hoạt VNeID mức 2: {{lien_ket}}", holdout_percent=0)
print(json.dumps({{"campaign": campaign.pk, "account": account.pk}}))
"""


class Site:
    """A migrated database and the environment every process of the site gets."""

    def __init__(self, database_url: str | None = None, **env):
        self.folder = tempfile.TemporaryDirectory(prefix="phuongso-cluster-")
        self.sqlite_path = None
        if database_url is None:
            self.sqlite_path = Path(self.folder.name) / "site.sqlite3"
            database_url = f"sqlite:///{self.sqlite_path}"
        self.database_url = database_url
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "0",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(Path(self.folder.name) / "media"),
            "LOG_LEVEL": "WARNING",
            **{k: str(v) for k, v in env.items()},
        }

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-3000:]}")
        return result.stdout

    def python(self, code: str) -> str:
        """Run `code` in a fresh process with Django set up; its stdout."""
        prelude = "import django\ndjango.setup()\n"
        result = subprocess.run(
            [PY, "-c", prelude + textwrap.dedent(code)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(result.stderr[-3000:])
        return result.stdout

    def migrate(self) -> None:
        self.manage("migrate", "--no-input", "-v0")

    def seed(self, count: int, channel: str, config: dict, rate: int) -> dict:
        import json

        code = SEED.format(count=count, channel=channel, config=json.dumps(config), rate=rate)
        return json.loads(self.python(code).strip().splitlines()[-1])

    def submit(self, campaign_id: int) -> float:
        """Freeze the audience and start sending (the dispatch task goes to the queue)."""
        out = self.python(
            f"""
            import time
            from django.contrib.auth import get_user_model
            from campaigns import services
            from campaigns.models import Campaign
            campaign = Campaign.objects.get(pk={campaign_id})
            started = time.perf_counter()
            services.campaign_submit(campaign=campaign, by=get_user_model().objects.get(username="bench"))
            print(time.perf_counter() - started)
            """
        )
        return float(out.strip().splitlines()[-1])

    def enqueue_tick(self) -> None:
        """What the minute schedule does; for tests that cannot wait for the scheduler."""
        self.python(
            """
            from django_q.tasks import async_task
            async_task("campaigns.tasks.tick")
            """
        )

    def statuses(self) -> dict[str, int]:
        query = "SELECT status, COUNT(*) FROM campaigns_recipient GROUP BY status"
        if self.sqlite_path:
            with contextlib.closing(sqlite3.connect(self.sqlite_path, timeout=30)) as db:
                return dict(db.execute(query).fetchall())
        import psycopg

        with psycopg.connect(self.database_url) as db:
            return dict(db.execute(query).fetchall())

    def close(self) -> None:
        self.folder.cleanup()


class Cluster:
    """`manage.py qcluster` in its own process group."""

    def __init__(self, site: Site, log_name: str = "qcluster.log"):
        self.site = site
        self.log = open(Path(site.folder.name) / log_name, "ab")  # noqa: SIM115
        self.process: subprocess.Popen | None = None

    def start(self) -> Cluster:
        self.process = subprocess.Popen(
            [PY, "manage.py", "qcluster"],
            cwd=ROOT,
            env=self.site.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self) -> None:
        """SIGKILL to every process of the cluster: no clean-up code runs anywhere."""
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None
        self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.kill()
        self.log.close()


def wait_for(check, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return check()
