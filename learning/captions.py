"""Captions: WebVTT is what <track> plays; SRT (what most subtitle tools save) is converted."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CAPTION_BYTES = 512 * 1024
_SRT_TIME = re.compile(r"(\d{1,2}:\d{2}:\d{2}),(\d{3})")
_CUE_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2})?\.\d{3}\s+-->\s+\d{1,2}:\d{2}(:\d{2})?\.\d{3}")


def to_webvtt(raw: bytes) -> str:
    """WebVTT text for an uploaded .vtt or .srt file; ValidationError in Vietnamese otherwise."""
    if len(raw) > MAX_CAPTION_BYTES:
        raise ValidationError(_("Tệp phụ đề quá lớn (tối đa 512 KB)."), code="too_big")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("Tệp phụ đề phải lưu bằng mã UTF-8 (để giữ đúng dấu tiếng Việt)."), code="encoding"
        ) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text.startswith("WEBVTT"):
        # SRT: numbered cues with comma decimals; WebVTT wants a header and dot decimals.
        text = "WEBVTT\n\n" + _SRT_TIME.sub(r"\1.\2", text)
    if not _CUE_TIME.search(text):
        raise ValidationError(
            _(
                "Không đọc được phụ đề: tệp cần có các dòng thời gian như 00:00:01.000 --> 00:00:04.000."
            ),
            code="no_cues",
        )
    return text + "\n"
