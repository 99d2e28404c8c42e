"""Message text with placeholders: {ho_ten}, {ten}, {khu_pho}, {phuong}, {lien_ket}, {tu_choi}.

Keys are unaccented so staff type them on any keyboard; `{{` and `}}` write literal braces.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.channels import sms_segments
from wards.text import nfc

PLACEHOLDERS = {
    "ho_ten": _("họ và tên người nhận"),
    "ten": _("tên gọi (chữ cuối của họ tên)"),
    "khu_pho": _("khu phố của người nhận"),
    "phuong": _("tên phường"),
    "lien_ket": _("liên kết riêng của người nhận, dẫn đến trang đã chọn"),
    "tu_choi": _("liên kết để từ chối nhận tin"),
}
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_TEMPLATE_KEY = re.compile(r"^[A-Za-z0-9_]{1,40}$")
# Length of a link code (see campaigns.audience.new_link_code), for estimates before codes exist.
LINK_CODE_LENGTH = 7


@dataclass(frozen=True)
class MessageContext:
    full_name: str
    area: str
    ward: str
    link_code: str
    base_url: str = ""  # the ward's public address (wards.public_url); settings when empty

    @property
    def values(self) -> dict[str, str]:
        return {
            "ho_ten": self.full_name,
            "ten": self.full_name.split()[-1] if self.full_name.split() else "",
            "khu_pho": self.area,
            "phuong": self.ward,
            "lien_ket": link_url(self.link_code, self.base_url),
            "tu_choi": opt_out_url(self.link_code, self.base_url),
        }


def link_base_url(base_url: str = "") -> str:
    explicit = getattr(settings, "CAMPAIGN_LINK_BASE_URL", "")
    return (explicit or base_url or settings.PUBLIC_BASE_URL).rstrip("/")


def link_url(code: str, base_url: str = "") -> str:
    """The tracked link for `code` ("" for a message that has none, such as a notice)."""
    return (
        link_base_url(base_url) + reverse("campaigns:link", kwargs={"code": code}) if code else ""
    )


def opt_out_url(code: str, base_url: str = "") -> str:
    return (
        link_base_url(base_url) + reverse("campaigns:opt_out", kwargs={"code": code})
        if code
        else ""
    )


def placeholders_in(text: str) -> set[str]:
    return {m.group(1).strip() for m in _TOKEN.finditer(text or "") if m.group(1) is not None}


def unknown_placeholders(text: str) -> list[str]:
    names = [m.group(1) for m in _TOKEN.finditer(text or "") if m.group(1) is not None]
    return sorted({name for name in names if name.strip() not in PLACEHOLDERS})


def validate_text(text: str) -> None:
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            _("Không có chỗ trống tên %(names)s. Dùng một trong: %(known)s."),
            params={
                "names": ", ".join("{" + name + "}" for name in unknown),
                "known": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )
    stripped = _TOKEN.sub("", text or "")
    if "{" in stripped or "}" in stripped:
        raise ValidationError(
            _("Dấu ngoặc { } chưa khớp. Viết {ten} cho chỗ trống, {{ để ra dấu {."),
            code="unbalanced",
        )


def render(text: str, context: MessageContext) -> str:
    values = context.values

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return values.get(match.group(1).strip(), token)

    return nfc(_TOKEN.sub(replace, text or ""))


def parse_template_data(text: str) -> dict[str, str]:
    """ "name = value" lines (Zalo template parameters) as a dict; raises ValidationError."""
    data: dict[str, str] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not _TEMPLATE_KEY.match(key):
            raise ValidationError(
                _("Dòng %(line)s chưa đúng dạng “tên_tham_số = giá trị”."),
                params={"line": number},
                code="template_line",
            )
        validate_text(value)
        data[key] = value.strip()
    return data


def render_template_data(text: str, context: MessageContext) -> dict[str, str]:
    return {key: render(value, context) for key, value in parse_template_data(text).items()}


def describe_template_data(data: dict[str, str]) -> str:
    """What the outbox shows for a Zalo template message."""
    return "\n".join(f"{key}: {value}" for key, value in data.items())


def segments(text: str) -> int:
    return sms_segments(text)[1]
