"""Background work (django-q2): take ids, call a service. `SCHEDULES` is read by wards.schedules."""

import datetime

from assistant import services
from wards.models import Ward
from wards.schedules import Every

SCHEDULES = [
    Every(
        func="assistant.tasks.forget_old_questions",
        name="Trợ lý: xóa câu hỏi cũ hơn 90 ngày",
        at=datetime.time(3, 0),
    )
]


def rebuild_index(ward_id: int) -> int:
    ward = Ward.objects.filter(pk=ward_id).select_related("site").first()
    return services.index_rebuild(ward=ward) if ward else 0


def forget_old_questions() -> int:
    return services.questions_forget_old()
