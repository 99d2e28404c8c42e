"""Vietnamese mobile numbers: accept what people and spreadsheets type, store E.164 (+84…).

Input is untrusted everywhere it comes from (public forms, the sync API, spreadsheets), so it is read
as a short string of digits and a few separators, and anything else is refused before any parsing:
no number type ever sees it, so `1e1000000` costs no more than `abc`.
"""

import math
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 24  # "+84 (0) 912 - 345 - 678" fits; anything longer is not a phone number
ALLOWED = re.compile(r"\+?[0-9 .\-()]+")
SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]*)?[eE][+\-]?[0-9]+")
OLD_ELEVEN_DIGIT = re.compile(r"^01\d{9}$")
LARGEST_NUMBER_CELL = 10**12  # a spreadsheet cell holding the number itself, e.g. 84912345678


class InvalidPhone(ValidationError):
    pass


def _shown(raw) -> str:
    text = str(raw)
    return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + "…"


def _invalid(raw) -> InvalidPhone:
    return InvalidPhone(
        _(
            "Số điện thoại “%(phone)s” không hợp lệ. Số di động Việt Nam có 10 chữ số, ví dụ 0912 345 678."
        )
        % {"phone": _shown(raw)},
        code="invalid",
    )


def _text(raw) -> str:
    """The typed characters, or the digits of a number cell; refuse what cannot be a phone."""
    if isinstance(raw, bool):
        raise _invalid(raw)
    if isinstance(raw, int):
        if not 0 < raw < LARGEST_NUMBER_CELL:
            raise _invalid(raw)
        return str(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer() or not 0 < raw < LARGEST_NUMBER_CELL:
            raise _invalid(raw)
        return str(int(raw))
    text = str(raw).strip()
    if len(text) > MAX_LENGTH:
        raise _invalid(raw)
    if SCIENTIFIC.fullmatch(text):
        # Excel shows 84912345678 as 8.4912E+10 and saves it so in CSV: the last digits are gone.
        raise InvalidPhone(
            _(
                "Số “%(phone)s” đã bị Excel đổi sang dạng khoa học và mất chữ số. Trong Excel, chọn cột"
                " điện thoại → Định dạng ô → Văn bản (Text), gõ lại số rồi lưu lại tệp."
            )
            % {"phone": _shown(raw)},
            code="scientific",
        )
    if not ALLOWED.fullmatch(text):
        raise _invalid(raw)
    return text


def normalise_phone(raw) -> str:
    """Return +84xxxxxxxxx or raise InvalidPhone with a message in Vietnamese."""
    if raw is None or not str(raw).strip():
        raise InvalidPhone(_("Chưa nhập số điện thoại."), code="empty")
    text = _text(raw)
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        if not digits.startswith("84"):
            raise _invalid(raw)
        national = "0" + digits[2:]
    elif digits.startswith("84") and len(digits) == 11:
        national = "0" + digits[2:]
    elif len(digits) == 9 and not digits.startswith("0"):
        national = "0" + digits
    else:
        national = digits
    if OLD_ELEVEN_DIGIT.match(national):
        raise InvalidPhone(
            _("Số %(phone)s là số 11 chữ số cũ (01x). Vui lòng nhập số 10 chữ số mới.")
            % {"phone": _shown(raw)},
            code="old_format",
        )
    if len(national) != 10:
        raise _invalid(raw)
    try:
        parsed = phonenumbers.parse(national, "VN")
    except phonenumbers.NumberParseException:
        raise _invalid(raw) from None
    if (
        not phonenumbers.is_valid_number(parsed)
        or phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise _invalid(raw)
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
