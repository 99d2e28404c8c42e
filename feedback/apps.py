from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"
    verbose_name = _("Góp ý và đánh giá")

    def ready(self):
        from feedback import receivers
        from wards.roles import ROLE_PERMISSIONS, Role
        from wards.served import service_delivered

        # Ward admins and communications staff work the inbox and keep the categories.
        inbox = {"feedback.view_petition", "feedback.change_petition"}
        categories = {f"feedback.{a}_category" for a in ("add", "change", "delete", "view")}
        ROLE_PERMISSIONS[Role.WARD_ADMIN] |= (
            inbox | categories | {"feedback.change_feedbacksettings"}
        )
        ROLE_PERMISSIONS[Role.COMMUNICATIONS] |= inbox | categories
        ROLE_PERMISSIONS[Role.PROVINCE_ADMIN] |= {"feedback.view_petition"}

        service_delivered.connect(receivers.ask_for_rating, dispatch_uid="feedback.ask_for_rating")
