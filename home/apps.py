from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Trang chủ")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from config.middleware import invalidate_page_cache
        from home.models import WardBranding

        # Editors see their change at once; cached public pages never outlive a publish.
        page_published.connect(invalidate_page_cache, dispatch_uid="home.cache.published")
        page_unpublished.connect(invalidate_page_cache, dispatch_uid="home.cache.unpublished")
        post_save.connect(invalidate_page_cache, sender=WardBranding, dispatch_uid="home.cache.b")
        post_delete.connect(invalidate_page_cache, sender=WardBranding, dispatch_uid="home.cache.d")
