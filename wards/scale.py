"""The wards part of `manage.py seed_scale`: areas' households, residents and their events,
and the helpers every app's part uses to write generated rows in bulk.

Each installed app may have a `scale` module with `add_arguments(parser)` (its own volumes),
`seed_ward(*, ward, areas, options, seed, today)` (inside the ward's transaction) and
`after_ward(*, ward, options, today)` (once the ward is committed); the command calls them in
the order of INSTALLED_APPS, so wards' people exist before teams visit them. Generated data only:
no real names, numbers or codes of anyone.
"""

import datetime
import uuid

from django.db import connection
from django.utils import timezone

from wards.generate import generate_people


def add_arguments(parser) -> None:
    parser.add_argument("--areas", type=int, default=10, help="areas per ward")
    parser.add_argument("--households", type=int, default=300, help="households per area")


def seed_ward(*, ward, areas, options: dict, seed: int, today: datetime.date) -> dict:
    counts = generate_people(
        ward=ward,
        areas=areas,
        households_per_area=options["households"],
        seed=options["seed"] * 100_000 + seed,
        today=today,
    )
    return {"households": counts.households, "residents": counts.residents, "events": counts.events}


def scale_uuid(rng):
    """A UUID as the database takes it in bulk: native on PostgreSQL, 32 hex digits on SQLite."""
    value = uuid.UUID(int=rng.getrandbits(128), version=4)
    return value if connection.vendor == "postgresql" else value.hex


def scale_aware(day: datetime.date, rng) -> datetime.datetime:
    """A local time of working hours on `day`."""
    time = datetime.time(7 + rng.randrange(13), rng.randrange(60))
    return timezone.make_aware(datetime.datetime.combine(day, time))


def scale_moment(day: datetime.date, rng) -> datetime.datetime:
    """The same, as the database takes it in bulk: aware on PostgreSQL, naive UTC on SQLite
    (what Django itself writes there)."""
    moment = scale_aware(day, rng).astimezone(datetime.UTC)
    return moment if connection.vendor == "postgresql" else moment.replace(tzinfo=None)


def recent_day(today, days, rng) -> datetime.date:
    """A day in the last `days`, more of them recent (teams and posters get going)."""
    return today - datetime.timedelta(days=int(days * rng.random() ** 1.5))
