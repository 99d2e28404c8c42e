"""A citizen scans a counter poster with a phone, reads the procedure, ticks the documents she
has, finds who can help in her area, and searches the catalogue without typing accents; a
mistyped code leads to the same search."""

from urllib.parse import urlsplit

from qr import services
from qr.models import Placement, Procedure
from qr.posters import render_posters
from tests.qr.pdf_helpers import decode_pages


def scanned_path(ward, code: str, placement_label: str) -> str:
    procedure = Procedure.objects.get(ward=ward, code=code)
    placement = Placement.objects.get(ward=ward, label=placement_label)
    pdf = render_posters([services.poster_spec(procedure=procedure, placement=placement)])
    ((qr,),) = decode_pages(pdf)
    return urlsplit(qr.text).path


def test_scan_read_tick_find_help_and_search(phone, demo_ward):
    phone.goto(scanned_path(demo_ward, "1.001193", "Bộ phận một cửa – Quầy tiếp nhận"))
    assert phone.get_by_role("heading", level=1).inner_text() == "Đăng ký khai sinh"
    submit = phone.get_by_role("link", name="Nộp hồ sơ trực tuyến")
    assert submit.is_visible()
    assert submit.get_attribute("href").startswith("https://dichvucong.gov.vn/")
    box = submit.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300  # a big target for older hands
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    birth_certificate = phone.get_by_label("Giấy chứng sinh hoặc văn bản người làm chứng")
    birth_certificate.check()
    phone.reload()
    assert phone.get_by_label("Giấy chứng sinh hoặc văn bản người làm chứng").is_checked()

    assert phone.get_by_role("link", name="Nộp hồ sơ đăng ký khai sinh trực tuyến").is_visible()
    phone.get_by_role("link", name="Khu phố 2").click()
    phone.wait_for_load_state()
    help_section = phone.locator("#ai-giup ~ ul").first
    assert "Tổ công nghệ số" in help_section.inner_text()
    assert phone.get_by_role("link", name="0236 3 123 456").first.is_visible()

    phone.get_by_role("link", name="Tất cả thủ tục").click()
    phone.get_by_label("Tìm thủ tục").fill("ket hon")
    phone.get_by_role("button", name="Tìm").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("link", name="Đăng ký kết hôn", exact=True).is_visible()

    # A mistyped code gets a page to search from, not an error.
    phone.goto("/q/zzzzz")
    assert phone.get_by_role("heading", name="Không tìm thấy mã").is_visible()
    phone.get_by_label("Tìm thủ tục").fill("tam tru")
    phone.get_by_role("button", name="Tìm").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("link", name="Đăng ký tạm trú", exact=True).is_visible()
