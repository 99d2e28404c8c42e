from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Học kỹ năng số")

    def ready(self):
        from wards.roles import ROLE_PERMISSIONS, Role

        editors = {
            "learning.add_video",
            "learning.change_video",
            "learning.view_video",
            "learning.delete_video",
            "learning.view_lessonprogress",
        }
        for role in (Role.WARD_ADMIN, Role.COMMUNICATIONS, Role.PROVINCE_ADMIN):
            ROLE_PERMISSIONS[role] |= editors

        from wagtail.signals import page_published, page_unpublished

        from learning.services import content_changed

        # Cached lesson bodies and "next lesson" links follow every publish at once.
        page_published.connect(content_changed, dispatch_uid="learning.content.published")
        page_unpublished.connect(content_changed, dispatch_uid="learning.content.unpublished")
