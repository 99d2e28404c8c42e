"""The self-study certificate as a PNG, to keep in the phone's gallery or send on Zalo.

Drawn with Pillow and the Be Vietnam Pro faces that fontpkg ships, so Vietnamese marks render
the same on every machine; nothing is fetched and nothing about the learner is stored.
"""

import functools
import io
import textwrap

from django.utils import timezone
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 1080, 1350
MARGIN = 90
BRAND = (11, 92, 173)
INK = (26, 26, 26)
MUTED = (74, 74, 74)
MAX_LESSONS = 8


@functools.cache
def _font(size: int, bold: bool = False):
    import fontpkg
    from PIL import ImageFont

    path = fontpkg.path("Be Vietnam Pro", weight=700 if bold else 400)
    return ImageFont.truetype(str(path), size)


def _lines(draw, text: str, font, width: int) -> list[str]:
    """Wrap `text` to lines that fit `width` pixels."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def certificate_png(*, ward_name: str, name: str, topic: str, lessons: list[str]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 24, WIDTH - 24, HEIGHT - 24), outline=BRAND, width=10)
    inner = WIDTH - 2 * MARGIN
    y = 110

    def centred(text, font, colour=INK, gap=18):
        nonlocal y
        for line in _lines(draw, text, font, inner):
            draw.text((WIDTH // 2, y), line, font=font, fill=colour, anchor="mt")
            y += font.size + gap

    centred(ward_name, _font(40, bold=True), BRAND)
    centred(_("Phong trào Bình dân học vụ số"), _font(34), MUTED)
    y += 40
    centred(_("Giấy khen tự học"), _font(78, bold=True), BRAND)
    y += 20
    centred(_("Khen tặng"), _font(36))
    centred(name or _("Người học chăm chỉ"), _font(60, bold=True))
    y += 10
    centred(_("đã tự học xong chủ đề “%(topic)s”, gồm các bài:") % {"topic": topic}, _font(34))
    y += 10
    body = _font(32)
    shown = lessons[:MAX_LESSONS]
    for title in shown:
        for index, line in enumerate(_lines(draw, title, body, inner - 50)):
            draw.text(
                (MARGIN + (0 if index else 10), y),
                ("• " if not index else "   ") + line,
                font=body,
                fill=INK,
            )
            y += body.size + 12
    if len(lessons) > len(shown):
        more = len(lessons) - len(shown)
        draw.text(
            (MARGIN + 10, y), _("… và %(count)s bài khác") % {"count": more}, font=body, fill=MUTED
        )
        y += body.size + 12
    y = max(y + 30, HEIGHT - 330)
    today = timezone.localdate()
    centred(_("Ngày %(date)s") % {"date": f"{today.day}/{today.month}/{today.year}"}, _font(32))
    note = _(
        "Đây là lời động viên của phường dành cho người tự học, không phải văn bằng hay chứng chỉ "
        "chính thức."
    )
    small = _font(26)
    for line in textwrap.wrap(note, 60):
        draw.text((WIDTH // 2, y), line, font=small, fill=MUTED, anchor="mt")
        y += small.size + 10
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
