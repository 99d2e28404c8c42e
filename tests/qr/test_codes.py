"""qr.codes: the module geometry is exact, every output scans back, long links are refused."""

import io
import re

import pytest
import zxingcpp
from PIL import Image

from qr.codes import (
    MAX_URL_LENGTH,
    QUIET_ZONE,
    qr_matrix,
    qr_png,
    qr_svg,
    qr_version,
    symbol_modules,
)
from tests.qr.pdf_helpers import decode_pages

URL_40 = "https://phuongso.vn/q/" + "A1b2C3d4E5f6G7h8I9"  # exactly 40 characters
URL_41 = URL_40 + "x"


def svg_to_pdf(svg: str) -> bytes:
    """One A5 page holding the SVG at its own physical size (WeasyPrint, no Django)."""
    from weasyprint import HTML

    html = f"<style>@page {{ size: A5; margin: 1cm }}</style><body>{svg}</body>"
    return HTML(string=html).write_pdf()


def matrix_from_svg(svg: str) -> list[list[bool]]:
    """Re-draw the path's strokes module by module."""
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    grid = [[False] * side for _ in range(side)]
    x = y = 0.0
    for cmd, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", svg.split(' d="')[1]):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        else:
            row = int(y - 0.5)  # the stroke runs along the middle of its module row
            for col in range(int(x), int(x + float(a))):
                grid[row][col] = True
            x += float(a)
    return grid


def test_forty_characters_fit_version_3_at_level_m():
    assert len(URL_40) == MAX_URL_LENGTH
    assert qr_version(qr_matrix(URL_40, "M")) <= 3


def test_smallest_version_is_used():
    assert qr_version(qr_matrix("https://a.vn/q/1", "M")) == 2  # 16 bytes: v1-M holds 14
    assert qr_version(qr_matrix("a.vn/q/1", "M")) == 1


def test_a_41_character_link_is_refused_in_vietnamese():
    for render in (qr_svg, qr_png):
        with pytest.raises(ValueError, match="Đường dẫn ngắn dài quá 40 ký tự"):
            render(URL_41)


@pytest.mark.parametrize("url", ["", "https://phuongso.vn/q/đăngký"])
def test_empty_or_non_ascii_links_are_refused(url):
    with pytest.raises(ValueError, match="Đường dẫn ngắn"):
        qr_svg(url)


def test_only_levels_m_and_q():
    with pytest.raises(ValueError, match="M hoặc Q"):
        qr_svg(URL_40, level="H")


def test_svg_draws_exactly_the_module_matrix_with_quiet_zone():
    for level in ("M", "Q"):
        svg = qr_svg(URL_40, level=level)
        matrix = qr_matrix(URL_40, level)
        assert matrix_from_svg(svg) == [list(row) for row in matrix]
        border_rows = matrix[:QUIET_ZONE] + matrix[-QUIET_ZONE:]
        assert not any(any(row) for row in border_rows)
        assert not any(any(row[:QUIET_ZONE] + row[-QUIET_ZONE:]) for row in matrix)


def test_svg_is_dark_on_white_without_logo():
    svg = qr_svg(URL_40)
    assert '<rect width="37" height="37" fill="#fff"/>' in svg
    assert "<image" not in svg
    assert svg.count("<path") == 1


def test_svg_physical_size_is_the_symbol_size():
    svg = qr_svg(URL_40, symbol_size_cm=10)
    total = len(qr_matrix(URL_40))
    expected = 10 * total / symbol_modules(qr_matrix(URL_40))
    assert f'width="{expected:.4f}cm"' in svg
    assert 'width="' not in qr_svg(URL_40).split("<rect")[0]  # unsized: layout decides


@pytest.mark.parametrize("level", ["M", "Q"])
def test_svg_scans_back_with_its_level(level):
    (codes,) = decode_pages(svg_to_pdf(qr_svg(URL_40, level=level, symbol_size_cm=5)), dpi=150)
    assert [(c.text, c.ec_level) for c in codes] == [(URL_40, level)]
    assert codes[0].width_cm == pytest.approx(5, rel=0.05)


@pytest.mark.parametrize("level", ["M", "Q"])
def test_png_scans_back_with_its_level(level):
    png = qr_png(URL_40, level=level, box_size=6)
    image = Image.open(io.BytesIO(png))
    side = len(qr_matrix(URL_40, level))
    assert image.format == "PNG" and image.size == (side * 6, side * 6)
    (code,) = zxingcpp.read_barcodes(image)
    assert (code.text, code.ec_level) == (URL_40, level)
    # The quiet zone is part of the picture: the symbol starts 4 modules in.
    assert code.position.top_left.x == QUIET_ZONE * 6


def test_each_link_is_encoded_once():
    qr_matrix.cache_clear()
    qr_svg(URL_40)
    qr_png(URL_40)
    qr_svg(URL_40, symbol_size_cm=4)
    assert qr_matrix.cache_info().misses == 1
