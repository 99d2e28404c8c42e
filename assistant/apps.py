from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "assistant"
    verbose_name = _("Trợ lý thủ tục")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wards.roles import ROLE_PERMISSIONS, Role

        editors = {
            "assistant.add_synonym",
            "assistant.change_synonym",
            "assistant.delete_synonym",
            "assistant.view_synonym",
            "assistant.change_question",
            "assistant.view_question",
        }
        for role in (Role.WARD_ADMIN, Role.COMMUNICATIONS, Role.PROVINCE_ADMIN):
            ROLE_PERMISSIONS[role] |= editors

        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from assistant import signals
        from qr.models import Procedure

        for name, signal in (("published", page_published), ("unpublished", page_unpublished)):
            signal.connect(signals.page_changed, dispatch_uid=f"assistant.page.{name}")
        post_save.connect(signals.procedure_changed, sender=Procedure, dispatch_uid="assistant.p")
        post_delete.connect(signals.procedure_changed, sender=Procedure, dispatch_uid="assistant.d")
