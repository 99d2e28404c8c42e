"""QR codes for the short links printed on posters and shown in the admin.

Print gets SVG (exact module geometry, scales to any physical size without
resampling); screens get PNG. Both come from the same cached module matrix so a
poster batch encodes each link once.
"""

from __future__ import annotations

import io
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q

# A short link of at most 40 ASCII characters always fits QR version 3 at level
# M (42 bytes), which stays readable at 2 cm and from ~1 m at 10 cm.
MAX_URL_LENGTH = 40
# ISO/IEC 18004 asks for 4 modules of light margin; cheap scanners fail without it.
QUIET_ZONE = 4
LEVELS = {"M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q}

Matrix = tuple[tuple[bool, ...], ...]


def validate_short_url(url: str) -> None:
    """Refuse links that would need a denser (harder to scan) code."""
    if not url:
        raise ValueError("Đường dẫn ngắn đang để trống.")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(
            f"Đường dẫn ngắn dài quá {MAX_URL_LENGTH} ký tự ({len(url)} ký tự): "
            "hãy dùng mã ngắn hơn để mã QR vẫn dễ quét."
        )
    # Non-ASCII would be UTF-8 encoded and may no longer fit version 3.
    if not url.isascii():
        raise ValueError("Đường dẫn ngắn chỉ được chứa ký tự không dấu (ASCII).")


def _error_correction(level: str) -> int:
    try:
        return LEVELS[level]
    except KeyError:
        raise ValueError(f"Mức sửa lỗi QR phải là M hoặc Q, không phải {level!r}.") from None


@lru_cache(maxsize=2048)
def qr_matrix(url: str, level: str = "M") -> Matrix:
    """Module matrix, quiet zone included (True = dark); cached per (url, level)."""
    validate_short_url(url)
    code = qrcode.QRCode(version=None, error_correction=_error_correction(level), border=QUIET_ZONE)
    code.add_data(url)
    code.make(fit=True)  # smallest version that holds the data
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def symbol_modules(matrix: Matrix) -> int:
    """Width of the symbol itself in modules, without the quiet zone."""
    return len(matrix) - 2 * QUIET_ZONE


def qr_version(matrix: Matrix) -> int:
    return (symbol_modules(matrix) - 17) // 4


def _row_runs(row: tuple[bool, ...]):
    """Yield (start, length) of each run of dark modules in a row."""
    start = None
    for x, dark in enumerate((*row, False)):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            yield start, x - start
            start = None


def _svg_path(matrix: Matrix) -> str:
    """Each run of dark modules as a 1-module-wide horizontal stroke, in one path.

    A butt-capped stroke of width 1 along y + 0.5 covers exactly the run's modules,
    and needs two path commands per run where a filled rectangle needs five: WeasyPrint
    parses SVG paths in Python, and the code was then ~40 % of a poster's render time.
    One path is painted as one shape, so rows show no hairline seams.
    """
    commands = []
    pen_x, pen_y = 0, 0.0
    for y, row in enumerate(matrix):
        for x, length in _row_runs(row):
            if not commands:
                commands.append(f"M{x} {y + 0.5:g}")
            else:
                commands.append(f"m{x - pen_x} {y + 0.5 - pen_y:g}")
            commands.append(f"h{length}")
            pen_x, pen_y = x + length, y + 0.5
    return "".join(commands)


def qr_svg(url: str, *, level: str = "M", symbol_size_cm: float | None = None) -> str:
    """SVG of the code, dark on white, 4-module quiet zone, no logo.

    With ``symbol_size_cm`` the SVG gets physical width/height so that the symbol
    (without its quiet zone) measures exactly that; without it, only a viewBox in
    module units, and the surrounding layout decides the size.
    """
    matrix = qr_matrix(url, level)
    total = len(matrix)
    size_attrs = ""
    if symbol_size_cm is not None:
        side_cm = symbol_size_cm * total / symbol_modules(matrix)
        size_attrs = f' width="{side_cm:.4f}cm" height="{side_cm:.4f}cm"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {total}"'
        f'{size_attrs} shape-rendering="crispEdges">'
        f'<rect width="{total}" height="{total}" fill="#fff"/>'
        f'<path fill="none" stroke="#000" stroke-width="1" stroke-linecap="butt"'
        f' d="{_svg_path(matrix)}"/>'
        "</svg>"
    )


def qr_png(url: str, *, level: str = "M", box_size: int = 8) -> bytes:
    """PNG of the code for screens: ``box_size`` pixels per module, no smoothing."""
    from PIL import Image  # Pillow comes with qrcode[pil]; imported late for print-only use

    if box_size < 1:
        raise ValueError("box_size phải lớn hơn 0.")
    matrix = qr_matrix(url, level)
    side = len(matrix)
    # One pixel per module (0 = black) in a 1-bit image, scaled with NEAREST so module
    # edges stay sharp.
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = Image.frombytes("L", (side, side), pixels).convert("1")
    image = image.resize((side * box_size, side * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
