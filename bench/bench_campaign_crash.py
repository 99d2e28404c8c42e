"""Kill the worker cluster twice (SIGKILL to every process) during a 5,000-message send through
the loopback Twilio, restart it each time and let the minute schedule pick the work up:
5,000 messages at the provider, none twice, none missing (PostgreSQL, ORM broker)."""

import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import fresh_postgres, report  # noqa: E402
from tests.campaigns.cluster import Cluster, Site, wait_for  # noqa: E402
from tests.fakes.twilio import FakeTwilio  # noqa: E402

COUNT = 5_000
RATE = 100
PG_DB = "phuongso_bench_campaigns"


def main() -> int:
    site = Site(fresh_postgres(PG_DB), Q_WORKERS=2)
    try:
        site.migrate()
        with FakeTwilio() as fake:
            ids = site.seed(COUNT, "twilio_sms", fake.channel_config(), rate=RATE)
            site.submit(ids["campaign"])
            started = time.monotonic()
            kills = []
            for fraction in (1 / 3, 2 / 3):
                # Each restart waits for the minute schedule: nothing here nudges the cluster.
                with Cluster(site) as cluster:
                    wait_for(lambda f=fraction: len(fake.accepted) >= COUNT * f, timeout=600)
                    cluster.kill()
                kills.append(len(fake.accepted))
                print(f"    killed at {kills[-1]} messages; rows {site.statuses()}")
            with Cluster(site):
                wait_for(lambda: len(fake.accepted) >= COUNT, timeout=900)
                wait_for(lambda: set(site.statuses()) <= {"accepted"}, timeout=300)
            elapsed = time.monotonic() - started
            phones = collections.Counter(m["phone"] for m in fake.accepted)
            lookups = sum(1 for r in fake.requests if r.method == "GET")
        statuses = site.statuses()
        print(f"    rows {statuses}; Twilio lookups after the kills: {lookups}")
    finally:
        site.close()
    duplicates = sum(n - 1 for n in phones.values() if n > 1)
    missing = COUNT - len(phones)
    ok = report(
        "campaign.crash.messages_at_provider",
        sum(phones.values()),
        "msgs",
        "= 5000",
        sum(phones.values()) == COUNT,
    )
    ok &= report("campaign.crash.duplicates", duplicates, "", "0", duplicates == 0)
    ok &= report("campaign.crash.missing", missing, "", "0", missing == 0)
    ok &= report(
        "campaign.crash.rows_accepted",
        statuses.get("accepted", 0),
        "rows",
        "= 5000",
        statuses == {"accepted": COUNT},
    )
    report("campaign.crash.seconds_with_two_kills", elapsed, "s", "(info)", True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
