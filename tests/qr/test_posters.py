"""qr.posters: read the printed PDF back the way a phone and a reader would."""

import io
import unicodedata

import pytest
import zxingcpp
from PIL import Image

import tests.qr.conftest_render  # noqa: F401  (Django settings before rendering)
from qr import posters
from qr.posters import PAPER, Paper, PosterSpec, poster_png_preview, render_posters
from tests.qr.pdf_helpers import (
    decode_pages,
    folded,
    font_names,
    page_count,
    page_lines,
    page_texts,
    text_box,
)

DPI = 150
LONG_NAME = (
    "Thủ tục cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn "
    "liền với đất lần đầu cho hộ gia đình, cá nhân, cộng đồng dân cư đã được giao đất, cho thuê "
    "đất trước ngày 01 tháng 7 năm 2014 mà chưa được cấp Giấy chứng nhận, kèm đăng ký biến động"
)


def spec(**overrides) -> PosterSpec:
    values = {
        "ward_name": "Phường Bến Nghé",
        "procedure_name": "Đăng ký khai sinh",
        "online_level_label": "Dịch vụ công trực tuyến toàn trình",
        "short_url": "https://phuongso.vn/q/KS01",
        "placement_label": "Bộ phận Một cửa – Quầy số 3",
    } | overrides
    return PosterSpec(**values)


BATCH = [
    spec(),
    spec(
        procedure_name="Đăng ký kết hôn có yếu tố nước ngoài",
        online_level_label="Dịch vụ công trực tuyến một phần",
        short_url="https://phuongso.vn/q/KH02",
        placement_label="Bảng tin khu phố 4 – đầu hẻm 128",
        level="Q",
    ),
    spec(procedure_name=LONG_NAME, short_url="https://phuongso.vn/q/" + "Z9" * 9),
    spec(
        # Decomposed (NFD) input, as pasted from some editors: printed as NFC.
        procedure_name=unicodedata.normalize("NFD", "Chứng thực bản sao từ bản chính giấy tờ"),
        short_url="https://a.vn/q/1",
        placement_label="Nhà văn hoá khu phố 2",
        level="Q",
    ),
]


@pytest.fixture(scope="module")
def batch_pdf() -> bytes:
    return render_posters(BATCH, paper="A4")


@pytest.fixture(scope="module")
def batch_codes(batch_pdf):
    return decode_pages(batch_pdf, dpi=DPI)


def test_one_page_per_spec(batch_pdf):
    assert page_count(batch_pdf) == len(BATCH)


def test_every_page_scans_to_its_own_exact_link(batch_codes):
    assert [[code.text for code in page] for page in batch_codes] == [[s.short_url] for s in BATCH]


def test_error_correction_level_is_honoured(batch_codes):
    assert [page[0].ec_level for page in batch_codes] == [s.level for s in BATCH]


def test_a4_code_measures_10_cm(batch_codes):
    for page in batch_codes:
        assert page[0].width_cm == pytest.approx(10, rel=0.05)
        assert page[0].height_cm == pytest.approx(10, rel=0.05)


def test_page_text_has_names_and_labels_exactly_in_nfc(batch_pdf):
    for s, text in zip(BATCH, page_texts(batch_pdf), strict=True):
        assert unicodedata.is_normalized("NFC", text)
        for expected in (s.ward_name, s.procedure_name, s.online_level_label, s.placement_label):
            assert folded(expected) in text
        assert "Quét mã để xem hướng dẫn và nộp hồ sơ trực tuyến" in text
        assert s.short_url.removeprefix("https://") in text


def test_long_titles_never_end_on_a_lone_syllable(batch_pdf):
    for s, lines in zip(BATCH, page_lines(batch_pdf), strict=True):
        last_two = " ".join(s.procedure_name.split()[-2:])
        assert any(line.strip().endswith(last_two) for line in lines), lines


def test_last_two_syllables_stay_together():
    # Without the keep, A4 breaks this title as "… công dân Việt" / "Nam".
    name = "Cấp giấy xác nhận tình trạng hôn nhân cho công dân Việt Nam"
    (lines,) = page_lines(render_posters([spec(procedure_name=name)]))
    assert "Việt Nam" in [line.strip() for line in lines]


def test_nfd_input_is_printed_as_nfc(batch_pdf):
    assert "Chứng thực bản sao từ bản chính giấy tờ" in page_texts(batch_pdf)[3]


def test_text_is_set_in_be_vietnam_pro(batch_pdf):
    names = font_names(batch_pdf)
    assert names and all("Be-Vietnam-Pro" in name for name in names)


@pytest.mark.parametrize("paper", list(PAPER))
def test_code_size_per_paper_with_the_longest_content(paper):
    """Worst case per paper: 270-character name and a version-1 code (widest quiet zone)."""
    pdf = render_posters(
        [
            spec(procedure_name=LONG_NAME, short_url="a.vn/q/1"),
            spec(short_url="https://phuongso.vn/q/" + "Q" * 18, level="Q"),
        ],
        paper=paper,
    )
    assert page_count(pdf) == 2
    for page in decode_pages(pdf, dpi=DPI):
        (code,) = page
        assert code.width_cm == pytest.approx(PAPER[paper].qr_cm, rel=0.05)
        assert code.width_cm >= 2
    # The placement line sits below the link, which sits below the code: no overlap.
    url_top, url_bottom = text_box(pdf, 0, "a.vn/q/1")
    placement_top, _ = text_box(pdf, 0, "Quầy số 3")
    assert placement_top < url_bottom
    page_height_pt = PAPER[paper].height_mm / 25.4 * 72
    code_bottom_pt = page_height_pt - decode_pages(pdf, dpi=DPI)[0][0].bottom_px / DPI * 72
    assert url_top < code_bottom_pt


def test_a6_code_is_at_least_4_cm():
    (page,) = decode_pages(render_posters([spec()], paper="A6"), dpi=200)
    assert page[0].width_cm >= 4 * 0.97


def test_codes_are_never_under_2_cm():
    assert all(paper.qr_cm >= 2 for paper in PAPER.values())
    with pytest.raises(ValueError, match="2 cm"):
        Paper(74, 105, qr_cm=1.5, margin_mm=5, base_pt=6)


def test_progress_is_reported_per_page():
    logger = posters._PROGRESS_LOGGER
    before = (logger.level, logger.propagate)
    calls = []
    render_posters(BATCH, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(page, len(BATCH)) for page in range(1, len(BATCH) + 1)]
    assert (logger.level, logger.propagate) == before and not logger.handlers


def test_progress_callback_can_cancel_the_render():
    def cancel(done, total):
        raise RuntimeError("huỷ")

    with pytest.raises(RuntimeError, match="huỷ"):
        render_posters(BATCH, progress=cancel)
    # The logger is left as it was found.
    assert not posters._PROGRESS_LOGGER.handlers


def test_each_code_is_generated_once_per_batch(monkeypatch):
    calls = []

    def counting_qr_svg(url, **kwargs):
        calls.append(url)
        return original(url, **kwargs)

    original = posters.qr_svg
    monkeypatch.setattr(posters, "qr_svg", counting_qr_svg)
    shared = [spec(placement_label=f"Quầy số {n}") for n in range(5)]
    render_posters(shared + [spec(short_url="https://phuongso.vn/q/KS02")])
    assert sorted(calls) == ["https://phuongso.vn/q/KS01", "https://phuongso.vn/q/KS02"]


def test_user_text_is_escaped_not_interpreted():
    pdf = render_posters([spec(procedure_name="Đăng ký <b>tạm trú</b> & lưu trú")])
    assert "Đăng ký <b>tạm trú</b> & lưu trú" in page_texts(pdf)[0]


def test_bad_input_fails_before_rendering():
    with pytest.raises(ValueError, match="40 ký tự"):
        spec(short_url="https://phuongso.vn/q/" + "x" * 19)
    with pytest.raises(ValueError, match="Khổ giấy"):
        render_posters([spec()], paper="Letter")
    with pytest.raises(ValueError):
        render_posters([])


def test_png_preview_is_the_printed_page():
    png = poster_png_preview(spec(), width_px=600)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == 600
    assert image.height == pytest.approx(600 * 297 / 210, abs=2)
    (code,) = zxingcpp.read_barcodes(image)
    assert code.text == "https://phuongso.vn/q/KS01"
