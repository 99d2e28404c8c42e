"""A service reached a resident: a team visit, a finished home-service request, a finished lesson.

The signal is owned by `wards` so that the app that served (teams, the home-service app, learning)
announces it and any app that cares (feedback asks for a rating) listens, without either importing
the other. It is sent after the transaction commits, so a listener never sees a rolled-back visit.
"""

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

# Sent with one keyword argument, `service`: a Served.
service_delivered = Signal()


@dataclass(frozen=True)
class Served:
    ward_id: int
    kind: str  # "visit", "home_service", "lesson", "procedure"
    ref: str  # the id of the visit, request, lesson page or procedure, as text
    phone: str = ""  # E.164, "" when the resident left none
    resident_id: int | None = None
    area_id: int | None = None
    team_id: int | None = None
    procedure_id: int | None = None
    # True when the system closed it by itself (expired, cancelled in bulk): no rating is asked.
    by_system: bool = False


def announce(*, sender, service: Served) -> None:
    """Send `service_delivered` once the current transaction commits."""
    transaction.on_commit(lambda: service_delivered.send(sender=sender, service=service))
