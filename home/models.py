from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from wards.text import nfc
from wards.translations import source_of, translations_for_reader


class HomePage(Page):
    """A ward's front page: what citizens can do here, and how to reach the ward."""

    intro = models.CharField(_("lời chào"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ phường")

    def full_clean(self, *args, **kwargs):
        self.intro = nfc(self.intro)
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The Vietnamese home's sections, each in the reader's language where it is translated:
        # an English home lists every section, not only those already translated.
        sections = list(source_of(self).get_children().live().in_menu().specific())
        translations = translations_for_reader(sections)
        context["sections"] = [translations.get(page.pk, page) for page in sections]
        return context


class StandardPage(Page):
    """A plain page: contacts, about the movement, privacy notice."""

    body = RichTextField(_("nội dung"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    subpage_types: list = []

    class Meta:
        verbose_name = _("trang thông tin")


@register_setting(icon="site")
class WardBranding(BaseSiteSetting):
    """Name, logo and contacts shown on every page of the ward's site."""

    display_name = models.CharField(_("tên hiển thị"), max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("biểu trưng"),
    )
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.TextField(
        _("giờ làm việc bộ phận một cửa"),
        blank=True,
        help_text=_("Mỗi dòng một khoảng, ví dụ: Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00"),
    )
    zalo_url = models.URLField(_("Zalo OA của phường"), blank=True)

    panels = [
        FieldPanel("display_name"),
        FieldPanel("logo"),
        FieldPanel("address"),
        FieldPanel("hotline"),
        FieldPanel("email"),
        FieldPanel("office_hours"),
        FieldPanel("zalo_url"),
    ]

    class Meta:
        verbose_name = _("thông tin phường")

    def office_hours_lines(self):
        return [line.strip() for line in self.office_hours.splitlines() if line.strip()]
