"""Thin tasks for django-q2: take ids, call a service.

`send_due_rating_requests` runs every minute (declared in SCHEDULES, created after `migrate` by
wards.schedules.ensure_schedules).
"""

from feedback.services import ratings
from wards.schedules import Every

SCHEDULES = [
    Every(
        "feedback.tasks.send_due_rating_requests",
        "Góp ý: gửi lời mời đánh giá, mỗi phút",
        minutes=1,
    )
]


def send_due_rating_requests() -> int:
    return ratings.rating_requests_send_due()
