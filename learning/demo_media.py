"""Pictures and a clip for the demo lessons, drawn here: a phone screen per step, a short video."""

import io
import subprocess
import textwrap
from functools import cache
from pathlib import Path

import fontpkg_be_vietnam_pro
import imageio_ffmpeg
from PIL import Image, ImageDraw, ImageFont

FONTS = fontpkg_be_vietnam_pro.ROOT / "files"
SCREEN = (360, 640)
BRAND = (11, 92, 173)
INK = (26, 26, 26)
SOFT = (243, 246, 250)


@cache
def _font(weight: str, size: int):
    return ImageFont.truetype(str(FONTS / f"BeVietnamPro-{weight}.ttf"), size)


def phone_screen(*, app: str, number: int, title: str, caption: str = "") -> bytes:
    """A PNG that looks like the phone screen of a step: app bar, the step, a big button."""
    image = Image.new("RGB", SCREEN, "white")
    draw = ImageDraw.Draw(image)
    width, height = SCREEN
    draw.rectangle((0, 0, width, 28), fill=(30, 30, 30))
    draw.text((12, 5), "9:41", font=_font("Medium", 14), fill="white")
    draw.rectangle((0, 28, width, 88), fill=BRAND)
    draw.text(
        (16, 44), textwrap.shorten(app, 30, placeholder="…"), font=_font("Bold", 20), fill="white"
    )
    draw.rounded_rectangle((16, 112, 116, 150), radius=18, fill=SOFT, outline=BRAND, width=2)
    draw.text((30, 118), f"Bước {number}", font=_font("Bold", 18), fill=BRAND)
    y = 170
    for line in textwrap.wrap(title, 22)[:3]:
        draw.text((16, y), line, font=_font("Bold", 26), fill=INK)
        y += 36
    y += 8
    for line in textwrap.wrap(caption, 32)[:6]:
        draw.text((16, y), line, font=_font("Regular", 18), fill=(74, 74, 74))
        y += 26
    draw.rounded_rectangle((16, height - 110, width - 16, height - 50), radius=12, fill=BRAND)
    draw.text(
        (width // 2, height - 80), "Tiếp tục", font=_font("Bold", 22), fill="white", anchor="mm"
    )
    out = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=32).save(out, "PNG", compress_level=1)
    return out.getvalue()


def demo_clip(target: Path, *, title: str, seconds: int = 8) -> Path:
    """A 720p test clip with a tone and the lesson's title, made by the bundled ffmpeg."""
    font = str(FONTS / "BeVietnamPro-Bold.ttf").replace(":", r"\:")
    text = title.replace("\\", "").replace("'", "").replace(":", r"\:")
    drawtext = (
        f"drawtext=fontfile='{font}':text='{text}':fontsize=54:fontcolor=white:"
        "box=1:boxcolor=0x0b5cadcc:boxborderw=24:x=(w-text_w)/2:y=h-text_h-80"
    )
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size=1280x720:rate=30:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-vf",
            drawtext,
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-shortest",
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target
