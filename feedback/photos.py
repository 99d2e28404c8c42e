"""Photos sent with a petition: decoded, bounded, re-encoded as JPEG without EXIF (no GPS)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is refused before it is decoded whole
LONG_SIDE = 1600


def reencode(upload) -> ContentFile:
    """A clean JPEG of the upload, or ValidationError in Vietnamese."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _(
                "Ảnh nặng quá %(max)s MB. Hãy chọn ảnh nhỏ hơn hoặc chụp lại với độ phân giải thấp hơn."
            ),
            code="too_big",
            params={"max": MAX_BYTES // (1024 * 1024)},
        )
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh lớn quá, hãy chọn ảnh nhỏ hơn."), code="too_many_pixels"
                )
            image.load()
            clean = ImageOps.exif_transpose(image).convert("RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Không đọc được tệp này như một ảnh. Hãy chọn ảnh JPG hoặc PNG."), code="not_image"
        ) from None
    clean.thumbnail((LONG_SIDE, LONG_SIDE))
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=80, optimize=True)  # no exif= : nothing carried over
    return ContentFile(out.getvalue(), name="anh.jpg")
