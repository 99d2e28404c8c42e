"""The issue's "done when", end to end through the admin and the public site:

staff import a catalogue, print a batch of A4 posters for two placements, a phone "scans" a code
(the URL decoded from the PDF) and lands on the procedure page, and the scan appears in the
report under the right placement, while a bot's visit does not.
"""

import csv
import io
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

from qr.models import PosterBatch, Procedure
from tests.qr.pdf_helpers import decode_pages, folded, page_texts
from tests.qr.test_scans import PHONE

CATALOGUE = """ma_thu_tuc,ten_thu_tuc,linh_vuc,muc_truc_tuyen,le_phi,thoi_han,giay_to,noi_nop
1.001193,Đăng ký khai sinh,Hộ tịch,toàn trình,Miễn lệ phí,Ngay trong ngày,Tờ khai | Giấy chứng sinh,Bộ phận Một cửa
1.004222,Đăng ký tạm trú,Cư trú,một phần,"7.000 đồng",03 ngày làm việc,Tờ khai thay đổi thông tin cư trú,Công an phường
2.000908,Chứng thực chữ ký,Chứng thực,không,10.000 đồng/trường hợp,Trong ngày,Giấy tờ cần chứng thực,Bộ phận Một cửa
"""


def test_import_print_scan_report(staff_client, catalogue):
    ward = catalogue.a
    Procedure.objects.filter(ward=ward).delete()  # start from an empty catalogue

    # 1. Staff import the catalogue: preview, then confirm.
    upload = io.BytesIO(CATALOGUE.encode())
    upload.name = "danh-muc.csv"
    preview = staff_client.post(
        reverse("wards_import", args=["thu-tuc"]), {"file": upload}, follow=True
    )
    assert preview.status_code == 200 and "3 dòng mới" in preview.content.decode()
    staff_client.post(reverse("wards_import_confirm", args=["thu-tuc", preview.context["job"].pk]))
    imported = list(Procedure.objects.filter(ward=ward).order_by("code"))
    assert [p.code for p in imported] == ["1.001193", "1.004222", "2.000908"]

    # 2. They print A4 posters of every active procedure for two placements.
    response = staff_client.post(
        reverse("qr_batch_new"),
        {
            "ward": ward.pk,
            "paper": "A4",
            "which": "all",
            "placements": [catalogue.counter.pk, catalogue.board.pk],
        },
    )
    batch = PosterBatch.objects.get()
    assert response["Location"] == reverse("qr_batch", args=[batch.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "Tải tệp PDF" in page
    pdf = b"".join(
        staff_client.get(reverse("qr_batch_download", args=[batch.pk])).streaming_content
    )

    codes = decode_pages(pdf)
    texts = page_texts(pdf)
    assert len(codes) == 6 and all(len(page) == 1 for page in codes)
    urls = [page[0].text for page in codes]
    assert len(set(urls)) == 6 and all(len(url) <= 40 for url in urls)
    # Pages come as a stack per placement: the board's three, then the counter's three.
    board_page = next(
        i
        for i, text in enumerate(texts)
        if folded("Đăng ký tạm trú") in text and "Bảng tin" in text
    )
    assert "Bảng tin khu A2" in texts[board_page]

    # 3. A phone scans the board's "tạm trú" poster and lands on the procedure page.
    scanned = urlsplit(urls[board_page])
    phone = Client(HTTP_USER_AGENT=PHONE)
    redirect = phone.get(scanned.path, HTTP_HOST=scanned.netloc)
    assert redirect.status_code == 302 and redirect["Cache-Control"] == "no-store"
    landing = phone.get(redirect["Location"], HTTP_HOST=scanned.netloc)
    assert landing.status_code == 200
    body = landing.content.decode()
    assert "<h1>Đăng ký tạm trú</h1>" in body and "Nộp hồ sơ trực tuyến" in body

    # 4. Zalo's link preview fetches the counter's "khai sinh" poster: answered, not counted.
    counter_page = next(
        i
        for i, text in enumerate(texts)
        if folded("Đăng ký khai sinh") in text and "Bộ phận một cửa" in text
    )
    bot_url = urlsplit(urls[counter_page])
    preview_bot = Client(HTTP_USER_AGENT="facebookexternalhit/1.1")
    assert preview_bot.get(bot_url.path, HTTP_HOST=bot_url.netloc).status_code == 302

    # 5. The report shows the phone's scan under the board, and nothing for the counter.
    report = staff_client.get(reverse("qr_scan_report"))
    by_placement = report.context["report"].by_placement
    assert [(p.label, c.scans, c.visitors) for p, c in by_placement] == [("Bảng tin khu A2", 1, 1)]
    assert report.context["report"].bots == 1
    assert [(p.code, c.scans) for p, c in report.context["report"].by_procedure] == [
        ("1.004222", 1)
    ]
    rows = list(
        csv.reader(
            io.StringIO(staff_client.get(reverse("qr_scan_report_csv")).content.decode("utf-8-sig"))
        )
    )
    assert [row[1:] for row in rows[1:]] == [
        ["1.004222", "Đăng ký tạm trú", "Bảng tin khu A2", "1", "1"]
    ]
