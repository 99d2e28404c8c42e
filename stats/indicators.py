"""The four adoption indicators leaders follow, each the share of adult residents who reached a
milestone. One list, so the dashboard, the exports and the targets never disagree on the order."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wards.models import Milestone


@dataclass(frozen=True)
class Indicator:
    key: str  # also the WardTarget field and the sort key in URLs
    milestone: str
    label: Promise
    short: Promise
    marker: str  # chart marker shape, so lines are told apart without colour


INDICATORS = [
    Indicator(
        "vneid_level2",
        Milestone.VNEID_LEVEL2_ACTIVATED,
        _("VNeID mức 2 đã kích hoạt"),
        _("VNeID mức 2"),
        "circle",
    ),
    Indicator(
        "public_service_account",
        Milestone.PUBLIC_SERVICE_ACCOUNT,
        _("Có tài khoản dịch vụ công"),
        _("Tài khoản DVC"),
        "square",
    ),
    Indicator(
        "online_submission",
        Milestone.ONLINE_SUBMISSION,
        _("Đã nộp hồ sơ trực tuyến"),
        _("Nộp trực tuyến"),
        "triangle",
    ),
    Indicator(
        "cashless_payment",
        Milestone.CASHLESS_PAYMENT,
        _("Thanh toán không dùng tiền mặt"),
        _("Không tiền mặt"),
        "diamond",
    ),
]
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
MILESTONES = [indicator.milestone for indicator in INDICATORS]
