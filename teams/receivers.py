"""What teams does when another app signals (connected in TeamsConfig.ready)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from teams.services import follow_ups_ask
from wards.models import Resident

# Days between the journey's last reminder and the team's visit: time to act on the reminder.
FOLLOW_UP_AFTER_DAYS = 3


def follow_ups_for_finished_journey(sender, *, journey, residents: dict[int, int], **kwargs):
    """A reminder journey ended without its goal: the household's team goes by, if it asks so."""
    if not journey.ends_with_team_task:
        return
    households = dict(
        Resident.objects.filter(pk__in=set(residents.values())).values_list("pk", "household_id")
    )
    follow_ups_ask(
        ward=journey.ward,
        reason=_("Đã nhắc đủ theo chuỗi “%(name)s” mà chưa đạt mục tiêu: đến nhà hỗ trợ.")
        % {"name": journey.name},
        due_on=timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS),
        households={
            f"journey:{enrolment_id}": households[resident_id]
            for enrolment_id, resident_id in residents.items()
            if resident_id in households
        },
    )


def connect() -> None:
    from campaigns.signals import journey_finished

    journey_finished.connect(
        follow_ups_for_finished_journey, dispatch_uid="teams.follow_ups_for_finished_journey"
    )
