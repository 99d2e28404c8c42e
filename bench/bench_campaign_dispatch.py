"""Dispatch through a real worker cluster to the loopback Twilio at a configured 100 messages/s:
the rate the provider sees holds within 10 % (mean, and nearly every whole second)."""

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import fresh_postgres, report  # noqa: E402
from tests.campaigns.cluster import Cluster, Site, wait_for  # noqa: E402
from tests.fakes.twilio import FakeTwilio  # noqa: E402

COUNT = 2_000
RATE = 100
PG_DB = "phuongso_bench_campaigns"


def run(database_url: str | None) -> dict:
    site = Site(database_url, Q_WORKERS=2)
    try:
        site.migrate()
        with FakeTwilio() as fake:
            ids = site.seed(COUNT, "twilio_sms", fake.channel_config(), rate=RATE)
            site.submit(ids["campaign"])
            with Cluster(site):
                finished = wait_for(lambda: len(fake.accepted) >= COUNT, COUNT / RATE * 2 + 90)
            sends = sorted(
                r.received_at for r in fake.requests_to("Messages.json") if r.method == "POST"
            )
        seconds = collections.Counter(int(t) for t in sends)
        whole = [seconds[s] for s in range(int(sends[0]) + 1, int(sends[-1]))]
        return {
            "finished": finished,
            "sent": len(sends),
            "mean": (len(sends) - 1) / (sends[-1] - sends[0]),
            "within": sum(abs(n - RATE) <= RATE * 0.1 for n in whole) / len(whole),
            "lowest": min(whole),
            "highest": max(whole),
        }
    finally:
        site.close()


def main() -> int:
    ok = True
    for label, url in (("postgres", fresh_postgres(PG_DB)), ("sqlite", None)):
        result = run(url)
        print(f"    {label}: {result}")
        ok &= report(
            f"campaign.dispatch_sent.{label}",
            result["sent"],
            "msgs",
            f"= {COUNT}",
            result["finished"] and result["sent"] == COUNT,
        )
        ok &= report(
            f"campaign.dispatch_rate_mean.{label}",
            result["mean"],
            "msg/s",
            "100 ± 10 %",
            abs(result["mean"] - RATE) <= RATE * 0.1,
        )
        ok &= report(
            f"campaign.dispatch_seconds_within_10pct.{label}",
            result["within"] * 100,
            "%",
            ">= 90",
            result["within"] >= 0.9,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
