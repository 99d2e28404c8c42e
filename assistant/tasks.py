"""Background work (django-q2): take ids, call a service.

`forget_old_questions` runs daily from a django-q Schedule (migration 0002).
"""

from assistant import services
from wards.models import Ward


def rebuild_index(ward_id: int) -> int:
    ward = Ward.objects.filter(pk=ward_id).select_related("site").first()
    return services.index_rebuild(ward=ward) if ward else 0


def forget_old_questions() -> int:
    return services.questions_forget_old()
