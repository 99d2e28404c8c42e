"""More wards for the province dashboard's benchmark, made from the seeded ones' roll-ups.

Seeding a ward with people, visits, scans and messages and rolling it up takes seconds of CPU
(minutes on a loaded machine); the province dashboard reads only roll-up tables. So past the
seeded wards, each new ward gets its own site, areas and roll-up rows copied from a seeded ward
(same volumes, in SQL), and the per-ward summaries are built from those rows by the app's own
`stats.summaries.summarise`. Copied wards have no raw rows, campaigns or learners: their
dashboard figures are a seeded ward's. PostgreSQL only (DATABASE_URL).

    DATABASE_URL=postgres://… .venv/bin/python bench/clone_wards.py --to 300
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# area tables: (table, columns copied as they are); area_id is mapped to the new ward's area
AREA_TABLES = {
    "stats_adoptionday": "day, milestone, reached, by_visit, by_campaign, by_self_report, events",
    "stats_adoptionmonth": "month, milestone, reached, by_visit, by_campaign, by_self_report, "
    "events",
    "stats_visitday": "team_id, day, visits, met, households_first",
    "stats_visitmonth": "team_id, month, visits, met, households_first",
    "stats_scandaycount": "procedure_id, placement_id, day, scans, visitors",
    "stats_scanmonthcount": "procedure_id, placement_id, month, scans, visitors",
    "stats_areasnapshot": "residents, adults, households, level2_not_activated, "
    "follow_ups_open, follow_ups_overdue, as_of",
}


def clone(template, number: int, prefix: str):
    from django.db import connection, transaction

    from home.services import ward_site_create
    from stats import summaries
    from stats.models import WardRollup
    from wards.models import Area

    with transaction.atomic():
        ward = ward_site_create(
            name=f"Phường Sao Chép {number}",
            slug=f"{prefix}-{number}",
            province="Tỉnh Thử Nghiệm",
            hostname=f"{prefix}-{number}.localhost",
        )
        Area.objects.bulk_create(
            Area(ward=ward, code=area.code, name=area.name) for area in template.areas.all()
        )
        with connection.cursor() as cursor:
            for table, columns in AREA_TABLES.items():
                cursor.execute(
                    f"INSERT INTO {table} (ward_id, area_id, {columns}) "  # noqa: S608
                    f"SELECT %s, new.id, {', '.join(f't.{c.strip()}' for c in columns.split(','))} "
                    f"FROM {table} t JOIN wards_area old ON old.id = t.area_id "
                    "JOIN wards_area new ON new.ward_id = %s AND new.code = old.code "
                    "WHERE t.ward_id = %s",
                    [ward.pk, ward.pk, template.pk],
                )
        for part in summaries.SUMMARIES:
            summaries.summarise(part=part, ward_ids=[ward.pk])
        built = WardRollup.objects.get(ward=template)
        WardRollup.objects.create(ward=ward, built_for=built.built_for, seconds=built.seconds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--to", type=int, required=True, help="wards in all after copying")
    parser.add_argument("--prefix", default="copy")
    args = parser.parse_args()
    import django

    django.setup()
    from stats.models import WardRollup
    from wards.models import Ward

    seeded = list(Ward.objects.filter(slug__startswith="scale-").order_by("pk"))
    have = Ward.objects.count()
    started = time.perf_counter()
    for offset, number in enumerate(range(have + 1, args.to + 1)):
        template = seeded[offset % len(seeded)]
        assert WardRollup.objects.filter(ward=template).exists(), template
        clone(template, number, args.prefix)
    print(f"CLONED {args.to - have} {time.perf_counter() - started:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
