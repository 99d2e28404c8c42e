"""A home-service request's lifecycle: the statuses and the one function that moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REQUESTED = "requested", _("Mới nhờ")  # asked for, nobody has fixed a time yet
    SCHEDULED = "scheduled", _("Đã hẹn")  # an appointment is set with the resident
    VISITED = "visited", _("Đã đến nhà")  # the team member met the resident
    DOCUMENTS_TAKEN = "documents_taken", _("Đã nhận giấy tờ")  # the checklist is ticked
    SUBMITTED = "submitted", _("Đã nộp trực tuyến")  # the officer typed the portal's dossier number
    DELIVERED = "delivered", _("Đã trả kết quả")  # the result reached the resident
    CLOSED = "closed", _("Đã xong")  # nothing left to do
    CANCELLED = "cancelled", _("Đã hủy")  # dropped, with a reason
    UNREACHABLE = "unreachable", _("Không liên lạc được")  # nobody could be reached, with a reason


# Each status and where it may go next. The forward path is one step at a time.
TRANSITIONS: dict[str, set[str]] = {
    Status.REQUESTED: {Status.SCHEDULED, Status.CANCELLED, Status.UNREACHABLE},
    Status.SCHEDULED: {Status.SCHEDULED, Status.VISITED, Status.CANCELLED, Status.UNREACHABLE},
    Status.VISITED: {Status.DOCUMENTS_TAKEN, Status.CANCELLED},
    Status.DOCUMENTS_TAKEN: {Status.SUBMITTED, Status.CANCELLED},
    Status.SUBMITTED: {Status.DELIVERED},
    Status.DELIVERED: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.CANCELLED: set(),
    Status.UNREACHABLE: set(),
}
OPEN = [s for s, nexts in TRANSITIONS.items() if nexts]
# Statuses that stop the SLA clock (request → submission).
PAST_SUBMISSION = {Status.SUBMITTED, Status.DELIVERED, Status.CLOSED}
ENDED_WITH_REASON = {Status.CANCELLED, Status.UNREACHABLE}
# Only the one-stop officer (or a ward admin) records what happens at the portal.
OFFICE_STEPS = {Status.SUBMITTED}


def steps_ahead(current: str) -> list[str]:
    """Every step still reachable, in lifecycle order: a phone offline queues several in a row."""
    seen, todo = set(), [current]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return [status for status in Status.values if status in seen]


class StepRefused(Exception):
    """A step that may not be taken; `reason` is Vietnamese, shown to the user as it is."""

    def __init__(self, reason, field: str = ""):
        super().__init__(str(reason))
        self.reason = str(reason)
        self.field = field


def check_transition(current: str, to: str) -> None:
    """Refuse any move the lifecycle does not allow (an unknown status, a skipped step, a reopen)."""
    if to not in Status.values:
        raise StepRefused(_("Bước “%(to)s” không có trong quy trình.") % {"to": to}, "to")
    if to not in TRANSITIONS[current]:
        raise StepRefused(
            _("Không chuyển được từ “%(current)s” sang “%(to)s”: hãy làm đúng thứ tự các bước.")
            % {"current": Status(current).label, "to": Status(to).label},
            "to",
        )
