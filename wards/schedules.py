"""The scheduled tasks of every app, declared in one place each and created in one run.

An app lists its periodic work in `SCHEDULES` in its `tasks` module; `ensure_schedules` runs
after every `migrate` and creates or updates one django-q2 Schedule row per function, so a
second run, or another machine sharing the database, adds nothing. A daily task is first run
at its hour the next night; later runs keep the time django-q has moved it to.
"""

import datetime
import importlib
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone


@dataclass(frozen=True)
class Every:
    func: str  # dotted path of the task
    name: str  # shown in the admin's task list
    minutes: int | None = None  # every N minutes; None: daily
    at: datetime.time = datetime.time(0, 20)  # the local time of a daily run

    @property
    def schedule_type(self) -> str:
        return "I" if self.minutes else "D"


def declared() -> list[Every]:
    """Every app's SCHEDULES, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tasks":
                raise
            continue
        found += getattr(module, "SCHEDULES", [])
    return found


def _next_night(at: datetime.time) -> datetime.datetime:
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    return tomorrow.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)


def ensure_schedules(**kwargs) -> int:
    """Create or update the declared schedules (post_migrate receiver); their number."""
    from django_q.models import Schedule

    schedules = declared()
    for every in schedules:
        values = {"name": every.name, "schedule_type": every.schedule_type}
        values["minutes"] = every.minutes
        row = Schedule.objects.filter(func=every.func).order_by("pk").first()
        if row is None:
            Schedule.objects.create(func=every.func, next_run=_first_run(every), **values)
            continue
        Schedule.objects.filter(func=every.func).exclude(pk=row.pk).delete()
        if any(getattr(row, key) != value for key, value in values.items()):
            Schedule.objects.filter(pk=row.pk).update(**values)
    return len(schedules)


def _first_run(every: Every) -> datetime.datetime:
    return timezone.now() if every.minutes else _next_night(every.at)
