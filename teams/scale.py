"""The teams part of `manage.py seed_scale` (see wards.scale): teams for every three areas and
`--visits` household visits per ward, a few with a promised return visit. COPY on PostgreSQL."""

import datetime
import random

from teams.models import FollowUp, Team, Visit
from wards import changes
from wards.bulk import insert_rows, next_id, reset_sequences
from wards.models import Household
from wards.scale import recent_day, scale_moment, scale_uuid

VISIT_DAYS = 365
OUTCOMES = (
    [Visit.Outcome.DONE] * 6
    + [Visit.Outcome.PARTLY] * 2
    + [
        Visit.Outcome.NOBODY_HOME,
        Visit.Outcome.REFUSED,
    ]
)


def add_arguments(parser) -> None:
    parser.add_argument("--visits", type=int, default=0, help="household visits per ward")


def seed_ward(*, ward, areas, options: dict, seed: int, today: datetime.date) -> dict:
    if not options.get("visits"):
        return {}
    rng = random.Random(seed * 7 + 1)
    count = seed_visits(ward=ward, areas=areas, count=options["visits"], rng=rng, today=today)
    reset_sequences(Visit, FollowUp)
    return {"visits": count}


def seed_visits(*, ward, areas, count, rng, today) -> int:
    teams = []
    for start in range(0, len(areas), 3):
        team = Team.objects.create(ward=ward, name=f"Tổ công nghệ số {start // 3 + 1}")
        team.areas.set(areas[start : start + 3])
        teams.extend([team] * len(areas[start : start + 3]))
    team_of = {area.pk: team.pk for area, team in zip(areas, teams, strict=True)}
    households = list(Household.objects.filter(ward=ward).values_list("pk", "area_id"))
    visit_id, follow_id = next_id(Visit), next_id(FollowUp)
    now = scale_moment(today, rng)
    visits, follow_ups = [], []
    for _ in range(count):
        household, area = rng.choice(households)
        day = recent_day(today, VISIT_DAYS, rng)
        visits.append(
            (
                visit_id,
                scale_uuid(rng),
                ward.pk,
                area,
                household,
                team_of[area],
                None,
                scale_moment(day, rng),
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
