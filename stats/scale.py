"""Benchmark volumes of what a ward's work leaves behind: visits, QR scans, campaign messages.

`manage.py seed_scale --visits N --scans N --messages N --rollups` calls `seed_ward` for each
ward it creates (per-ward counts). Rows go in with COPY on PostgreSQL (wards.bulk), ids assigned
here; the few rows that describe things (teams, procedures, placements, campaigns) go through
the ORM. Generated data only: no real names, numbers or codes of anyone.
"""

import csv
import datetime
import random
import uuid
from pathlib import Path

from django.db import connection
from django.utils import timezone

from campaigns.models import Campaign, ChannelAccount, Recipient
from qr.models import Placement, Procedure, Scan, ShortLink
from teams.models import FollowUp, Team, Visit
from wards import changes
from wards.bulk import insert_rows, next_id, reset_sequences
from wards.models import Household, Milestone, Resident

PROCEDURES_PER_WARD = 30
CAMPAIGN_SIZE = 2000
VISIT_DAYS = 365
SCAN_DAYS = 90  # the raw scan log keeps about 90 days (qr.services.scans_roll_up)
OUTCOMES = (
    [Visit.Outcome.DONE] * 6
    + [Visit.Outcome.PARTLY] * 2
    + [
        Visit.Outcome.NOBODY_HOME,
        Visit.Outcome.REFUSED,
    ]
)


def _uuid(rng):
    """A UUID as the database takes it in bulk: native on PostgreSQL, 32 hex digits on SQLite."""
    value = uuid.UUID(int=rng.getrandbits(128), version=4)
    return value if connection.vendor == "postgresql" else value.hex


def _aware(day: datetime.date, rng) -> datetime.datetime:
    """A local time of working hours on `day`."""
    time = datetime.time(7 + rng.randrange(13), rng.randrange(60))
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _moment(day: datetime.date, rng) -> datetime.datetime:
    """The same, as the database takes it in bulk: aware on PostgreSQL, naive UTC on SQLite
    (what Django itself writes there)."""
    moment = _aware(day, rng).astimezone(datetime.UTC)
    return moment if connection.vendor == "postgresql" else moment.replace(tzinfo=None)


def _recent_day(today, days, rng) -> datetime.date:
    """A day in the last `days`, more of them recent (teams and posters get going)."""
    return today - datetime.timedelta(days=int(days * rng.random() ** 1.5))


def seed_visits(*, ward, areas, count, rng, today) -> int:
    teams = []
    for start in range(0, len(areas), 3):
        team = Team.objects.create(ward=ward, name=f"Tổ công nghệ số {start // 3 + 1}")
        team.areas.set(areas[start : start + 3])
        teams.extend([team] * len(areas[start : start + 3]))
    team_of = {area.pk: team.pk for area, team in zip(areas, teams, strict=True)}
    households = list(Household.objects.filter(ward=ward).values_list("pk", "area_id"))
    visit_id, follow_id = next_id(Visit), next_id(FollowUp)
    now = _moment(today, rng)
    visits, follow_ups = [], []
    for _ in range(count):
        household, area = rng.choice(households)
        day = _recent_day(today, VISIT_DAYS, rng)
        visits.append(
            (
                visit_id,
                _uuid(rng),
                ward.pk,
                area,
                household,
                team_of[area],
                None,
                _moment(day, rng),
                day,
                rng.choice(OUTCOMES),
                "",
                now,
            )
        )
        if rng.random() < 0.05:
            due = day + datetime.timedelta(days=rng.randrange(3, 21))
            status = FollowUp.Status.OPEN if due >= today - datetime.timedelta(30) else "done"
            follow_ups.append((follow_id, household, visit_id, due, "Hẹn quay lại", status, now))
            follow_id += 1
        visit_id += 1
    insert_rows(Visit, VISIT_COLUMNS, visits)
    insert_rows(FollowUp, FOLLOW_UP_COLUMNS, follow_ups)
    changes.record(ward_ids=[ward.pk], part=changes.Part.VISITS)
    return len(visits)


def _procedures(ward) -> list[Procedure]:
    path = Path(__file__).resolve().parent.parent / "qr" / "demo_procedures.csv"
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
        day = _recent_day(today, SCAN_DAYS - 1, rng)
        bot = rng.random() < 0.03
        rows.append(
            (
                scan_id,
                link,
                _moment(day, rng),
                rng.choice(devices),
                bot,
                f"{rng.getrandbits(60):015x}",
            )
        )
        scan_id += 1
    insert_rows(Scan, SCAN_COLUMNS, rows)
    changes.record(ward_ids=[ward.pk], part=changes.Part.SCANS)
    return len(rows)


def seed_messages(*, ward, areas, count, rng, today) -> int:
    account = ChannelAccount.objects.create(ward=ward, channel="console", name="Thử tải")
    residents = list(
        Resident.objects.filter(household__ward=ward, birth_year__lte=today.year - 18).values_list(
            "pk", "household__area_id", "phone"
        )
    )
    goals = [
        Milestone.VNEID_LEVEL2_ACTIVATED,
        Milestone.PUBLIC_SERVICE_ACCOUNT,
        Milestone.ONLINE_SUBMISSION,
        Milestone.CASHLESS_PAYMENT,
    ]
    recipient_id = next_id(Recipient)
    sent = 0
    number = 0
    while sent < count:
        size = min(CAMPAIGN_SIZE, count - sent, len(residents))
        started = today - datetime.timedelta(days=rng.randrange(5, 300))
        campaign = Campaign.objects.create(
            ward=ward,
            name=f"Chiến dịch thử {number + 1}",
            goal=goals[number % len(goals)],
            channel=account,
            status=Campaign.Status.DONE,
            started_at=_aware(started, rng),
            finished_at=_aware(started, rng) + datetime.timedelta(hours=3),
            holdout_percent=10,
        )
        rows = []
        for resident, area, phone in rng.sample(residents, size):
            roll = rng.random()
            status = (
                "holdout"
                if roll < 0.1
                else "excluded"
                if roll < 0.2
                else "failed"
                if roll < 0.25
                else "delivered"
                if roll < 0.85
                else "sent"
            )
            sent_at = _moment(started, rng) if status in ("delivered", "sent", "failed") else None
            delivered_at = (
                sent_at + datetime.timedelta(minutes=2) if status == "delivered" else None
            )
            clicked = (
                delivered_at + datetime.timedelta(hours=1)
                if delivered_at and rng.random() < 0.2
                else None
            )
            rows.append(
                (
                    recipient_id,
                    campaign.pk,
                    resident,
                    area,
                    _uuid(rng),
                    phone,
                    status,
                    "no_consent" if status == "excluded" else "",
                    "rejected" if status == "failed" else "",
                    "",
                    account.pk if sent_at else None,
                    False,
                    "",
                    "",
                    1 if sent_at else 0,
                    "",
                    sent_at,
                    delivered_at,
                    clicked,
                    1 if clicked else 0,
                )
            )
            recipient_id += 1
        insert_rows(Recipient, RECIPIENT_COLUMNS, rows)
        sent += size
        number += 1
    changes.record(ward_ids=[ward.pk], part=changes.Part.CAMPAIGNS)
    return sent


def seed_ward(*, ward, areas, options: dict, seed: int, today: datetime.date) -> dict:
    """The seed_scale hook: the volumes asked for on the command line, for one ward."""
    rng = random.Random(seed)
    done = {}
    if options.get("visits"):
        done["visits"] = seed_visits(
            ward=ward, areas=areas, count=options["visits"], rng=rng, today=today
        )
    if options.get("scans"):
        done["scans"] = seed_scans(
            ward=ward, areas=areas, count=options["scans"], rng=rng, today=today
        )
    if options.get("messages"):
        done["messages"] = seed_messages(
            ward=ward, areas=areas, count=options["messages"], rng=rng, today=today
        )
    reset_sequences(Visit, FollowUp, Scan, Recipient)
    return done


def after_ward(*, ward, options: dict, today: datetime.date) -> None:
    """Once the ward's rows are committed: its roll-ups, when asked (`--rollups`)."""
    if options.get("rollups"):
        from stats.rollups import rollup_ward

        rollup_ward(ward=ward, today=today)


VISIT_COLUMNS = [
    "id",
    "client_uuid",
    "ward_id",
    "area_id",
    "household_id",
    "team_id",
    "member_id",
    "visited_at",
    "visited_on",
    "outcome",
    "notes",
    "received_at",
]
FOLLOW_UP_COLUMNS = ["id", "household_id", "visit_id", "due_on", "reason", "status", "updated_at"]
SCAN_COLUMNS = ["id", "link_id", "at", "device", "is_bot", "visitor"]
RECIPIENT_COLUMNS = [
    "id",
    "campaign_id",
    "resident_id",
    "area_id",
    "uid",
    "phone",
    "status",
    "exclusion",
    "failure",
    "error_code",
    "channel_account_id",
    "used_fallback",
    "body",
    "provider_id",
    "attempts",
    "claim",
    "sent_at",
    "delivered_at",
    "first_clicked_at",
    "clicks",
]
