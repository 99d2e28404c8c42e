from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeserviceConfig(AppConfig):
    name = "homeservice"
    verbose_name = _("Phục vụ tại nhà")

    def ready(self):
        from homeservice import receivers

        receivers.connect()
