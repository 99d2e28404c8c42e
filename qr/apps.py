from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QrConfig(AppConfig):
    name = "qr"
    verbose_name = _("Thủ tục và mã QR")

    def ready(self):
        from django.db.models.signals import post_save, pre_delete
        from wagtail.signals import page_published, page_unpublished

        from qr import signals
        from qr.models import Placement, Procedure, ProcedureIndexPage, ShortLink
        from wards.roles import ROLE_PERMISSIONS, Role

        # Ward admins and communications staff keep the catalogue and print posters; province
        # administrators read it and its scan counts.
        manage = {
            f"qr.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("procedure", "placement")
        } | {"qr.add_posterbatch", "qr.view_posterbatch", "qr.view_scan"}
        ROLE_PERMISSIONS[Role.WARD_ADMIN] |= manage | {"qr.change_qrsettings"}
        ROLE_PERMISSIONS[Role.COMMUNICATIONS] |= manage
        ROLE_PERMISSIONS[Role.PROVINCE_ADMIN] |= {
            "qr.view_procedure",
            "qr.view_placement",
            "qr.view_scan",
        }

        for model in (Procedure, Placement):
            post_save.connect(signals.procedure_changed, sender=model, dispatch_uid=f"qr.{model}")
            # Before the delete: the cascade removes the links whose codes must be forgotten.
            pre_delete.connect(
                signals.procedure_changed, sender=model, dispatch_uid=f"qr.{model}.delete"
            )
        post_save.connect(signals.forget_links, sender=ShortLink, dispatch_uid="qr.link")
        for name, signal in (("published", page_published), ("unpublished", page_unpublished)):
            signal.connect(
                signals.forget_links, sender=ProcedureIndexPage, dispatch_uid=f"qr.index.{name}"
            )
