"""Vietnamese mobile numbers: accept what people and spreadsheets type, store E.164 (+84…)."""

import re
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

OLD_ELEVEN_DIGIT = re.compile(r"^01\d{9}$")


class InvalidPhone(ValidationError):
    pass


def _digits(raw: str) -> str:
    text = str(raw).strip()
    # Excel turns 84912345678 into 8.4912E+10.
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text):
        try:
            text = str(int(Decimal(text)))
        except InvalidOperation:
            pass
    if text.startswith("+"):
        return "+" + re.sub(r"\D", "", text)
    return re.sub(r"\D", "", text)


def normalise_phone(raw) -> str:
    """Return +84xxxxxxxxx or raise InvalidPhone with a message in Vietnamese."""
    if raw is None or not str(raw).strip():
        raise InvalidPhone(_("Chưa nhập số điện thoại."), code="empty")
    digits = _digits(raw)
    if digits.startswith("+84"):
        national = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        national = "0" + digits[2:]
    elif len(digits) == 9 and not digits.startswith("0"):
        national = "0" + digits
    else:
        national = digits
    if OLD_ELEVEN_DIGIT.match(national):
        raise InvalidPhone(
            _("Số %(phone)s là số 11 chữ số cũ (01x). Vui lòng nhập số 10 chữ số mới.")
            % {"phone": raw},
            code="old_format",
        )
    try:
        parsed = phonenumbers.parse(national, "VN")
    except phonenumbers.NumberParseException:
        parsed = None
    if (
        parsed is None
        or len(national) != 10
        or not phonenumbers.is_valid_number(parsed)
        or phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise InvalidPhone(
            _(
                "Số điện thoại “%(phone)s” không hợp lệ. Số di động Việt Nam có 10 chữ số, ví dụ 0912 345 678."
            )
            % {"phone": raw},
            code="invalid",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(e164: str) -> str:
    """+84912345678 → 0912 *** 678, for roles that may know a number exists but not read it."""
    if not e164:
        return ""
    national = "0" + e164[3:] if e164.startswith("+84") else e164
    return f"{national[:4]} *** {national[-3:]}"


def display_phone(e164: str) -> str:
    if not e164:
        return ""
    national = "0" + e164[3:] if e164.startswith("+84") else e164
    return f"{national[:4]} {national[4:7]} {national[7:]}"
