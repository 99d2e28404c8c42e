"""The qr part of `manage.py seed_scale` (see wards.scale): procedures, poster placements and
`--scans` QR scans per ward over the last 90 days. COPY on PostgreSQL."""

import csv
import datetime
import random
from pathlib import Path

from qr.models import Placement, Procedure, Scan, ShortLink
from wards import changes
from wards.bulk import insert_rows, next_id, reset_sequences
from wards.scale import recent_day, scale_moment

PROCEDURES_PER_WARD = 30
SCAN_DAYS = 90  # the raw scan log keeps about 90 days (qr.services.scans_roll_up)


def add_arguments(parser) -> None:
    parser.add_argument("--scans", type=int, default=0, help="QR scans per ward")


def seed_ward(*, ward, areas, options: dict, seed: int, today: datetime.date) -> dict:
    if not options.get("scans"):
        return {}
    rng = random.Random(seed * 7 + 2)
    count = seed_scans(ward=ward, areas=areas, count=options["scans"], rng=rng, today=today)
    reset_sequences(Scan)
    return {"scans": count}


def _procedures(ward) -> list[Procedure]:
    path = Path(__file__).resolve().parent / "demo_procedures.csv"
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))[:PROCEDURES_PER_WARD]
    procedures = []
    for row in rows:
        procedure = Procedure(
            ward=ward,
            code=row["code"],
            name=row["name"],
            field=row["field"],
            online_level=row["online_level"],
        )
        procedure.refresh_derived()
        procedures.append(procedure)
    return Procedure.objects.bulk_create(procedures)


def seed_scans(*, ward, areas, count, rng, today) -> int:
    procedures = _procedures(ward)
    placements = [Placement.objects.create(ward=ward, label="Bộ phận một cửa", kind="counter")]
    placements += Placement.objects.bulk_create(
        Placement(ward=ward, label=f"Bảng tin {area.name}", kind="board", area=area)
        for area in areas
    )
    links = ShortLink.objects.bulk_create(
        ShortLink(code=f"s{ward.pk}x{i}", procedure=procedure, placement=placement)
        for i, (procedure, placement) in enumerate(
            (p, place) for p in procedures for place in placements
        )
    )
    # A few procedures and the counter draw most scans, as in a real ward.
    weights = [
        (1.0 / (1 + procedures.index(link.procedure)))
        * (4 if link.placement == placements[0] else 1)
        for link in links
    ]
    chosen = rng.choices([link.pk for link in links], weights=weights, k=count)
    scan_id = next_id(Scan)
    devices = ["mobile"] * 17 + ["tablet", "desktop", "other"]
    rows = []
    for link in chosen:
        day = recent_day(today, SCAN_DAYS - 1, rng)
        bot = rng.random() < 0.03
        rows.append(
            (
                scan_id,
                link,
                scale_moment(day, rng),
                rng.choice(devices),
                bot,
                f"{rng.getrandbits(60):015x}",
            )
        )
        scan_id += 1
    insert_rows(Scan, SCAN_COLUMNS, rows)
    changes.record(ward_ids=[ward.pk], part=changes.Part.SCANS)
    return len(rows)


SCAN_COLUMNS = ["id", "link_id", "at", "device", "is_bot", "visitor"]
