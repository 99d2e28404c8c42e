"""A ward's feedback settings: the Zalo rating template and the timing of rating requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="comment")
class FeedbackSettings(BaseSiteSetting):
    zalo_rating_template = models.CharField(
        _("mẫu ZNS mời đánh giá"),
        max_length=40,
        blank=True,
        help_text=_(
            "Mã mẫu tin Zalo ZNS đã được duyệt để mời người dân đánh giá. Để trống: gửi bằng SMS."
        ),
    )
    delay_minutes = models.PositiveIntegerField(
        _("gửi lời mời sau (phút)"),
        default=120,
        help_text=_("Bao lâu sau lần phục vụ thì gửi lời mời đánh giá."),
    )
    token_days = models.PositiveIntegerField(
        _("đường dẫn đánh giá dùng được (ngày)"),
        default=14,
    )

    class Meta:
        verbose_name = _("cài đặt góp ý, đánh giá")
