"""A 20,000-recipient campaign: audience resolved and a row per recipient written (budget ≤ 10 s
on PostgreSQL; SQLite shown for the one-machine trial)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import fresh_postgres, report  # noqa: E402
from tests.campaigns.cluster import Site  # noqa: E402

COUNT = 20_000
PG_DB = "phuongso_bench_campaigns"


def measure(database_url: str | None) -> tuple[float, dict]:
    site = Site(database_url)
    try:
        site.migrate()
        ids = site.seed(COUNT, "console", {}, rate=100)
        seconds = site.submit(ids["campaign"])
        return seconds, site.statuses()
    finally:
        site.close()


def main() -> int:
    ok = True
    for label, url in (("postgres", fresh_postgres(PG_DB)), ("sqlite", None)):
        seconds, statuses = measure(url)
        rows = sum(statuses.values())
        print(f"    {label}: {rows} rows {statuses}")
        ok &= report(f"campaign.audience_20k_rows.{label}", rows, "rows", "= 20000", rows == COUNT)
        budget_ok = seconds <= 10 if label == "postgres" else True
        ok &= report(
            f"campaign.audience_20k_seconds.{label}",
            seconds,
            "s",
            "<= 10" if label == "postgres" else "(info)",
            budget_ok,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
