"""Benchmark: 339 A4 QR posters (a ward's whole procedure list) in one PDF.

Budget: ≤ 20 s and ≤ 500 MB peak RSS on the 2-core server. Run: ``bench/run posters``.
Two measurements: the renderer alone on 339 synthetic posters (minimal settings, only the
template engine; the time includes the first WeasyPrint import and font loading, as a fresh
worker pays them), then the whole print job as the worker runs it (links, progress writes,
the stored PDF) on a migrated demo site. ``--render-only`` skips the second. Exits 1 when over
budget.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

PAGES = 339
BUDGET_SECONDS = 20.0
BUDGET_RSS_MB = 500.0

# Real commune-level procedure names, short to very long, so line breaking is exercised.
PROCEDURES = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký khai tử",
    "Đăng ký thường trú",
    "Đăng ký tạm trú",
    "Chứng thực chữ ký",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của "
    "Việt Nam cấp hoặc chứng nhận",
    "Cấp giấy xác nhận tình trạng hôn nhân",
    "Đăng ký lại khai sinh",
    "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
    "Đăng ký nhận cha, mẹ, con",
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
    "Cấp bản sao trích lục hộ tịch",
    "Đăng ký giám hộ",
    "Đăng ký chấm dứt giám hộ",
    "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm "
    "y tế cho trẻ em dưới 6 tuổi",
    "Liên thông thủ tục hành chính về đăng ký khai tử, xoá đăng ký thường trú, hưởng chế độ tử "
    "tuất, trợ cấp mai táng, hỗ trợ chi phí mai táng",
    "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
    "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở",
    "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, "
    "nuôi dưỡng hằng tháng",
    "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
    "Đổi, cấp lại Giấy xác nhận khuyết tật",
    "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
    "Đăng ký thành lập hộ kinh doanh",
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
    "Tạm ngừng hoạt động hộ kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo",
    "Chấm dứt hoạt động hộ kinh doanh",
    "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
    "Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ",
    "Thủ tục cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn "
    "liền với đất lần đầu cho hộ gia đình, cá nhân, cộng đồng dân cư",
    "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thay đổi "
    "thông tin về người được cấp Giấy chứng nhận",
    "Hoà giải tranh chấp đất đai",
    "Giải quyết khiếu nại lần đầu",
    "Tiếp công dân tại cấp xã",
    "Xử lý đơn tại cấp xã",
    "Công nhận gia đình văn hoá",
    "Xét tặng danh hiệu khu dân cư văn hoá hằng năm",
    "Thông báo tổ chức lễ hội",
    "Đăng ký hoạt động tín ngưỡng",
    "Đăng ký sinh hoạt tôn giáo tập trung",
    "Thủ tục đăng ký tuổi nghỉ hưu trước tuổi của người lao động",
    "Xác nhận hợp đồng tiếp cận nguồn gen và chia sẻ lợi ích",
    "Đăng ký kê khai số lượng chăn nuôi tập trung và nuôi trồng thuỷ sản ban đầu",
    "Hỗ trợ khám chữa bệnh, trợ cấp đối với người có công với cách mạng",
    "Giải quyết chế độ trợ cấp một lần đối với người được cử làm chuyên gia sang giúp Lào, "
    "Campuchia",
]
VARIANTS = ["", " (cấp lại)", " có yếu tố nước ngoài", " – trường hợp quá hạn", " lưu động"]
LEVELS = ["Dịch vụ công trực tuyến toàn trình", "Dịch vụ công trực tuyến một phần"]
PLACEMENTS = [
    "Bộ phận Một cửa – Quầy số 1",
    "Bộ phận Một cửa – Quầy số 2",
    "Bảng tin khu phố 3 – đầu hẻm 128 Nguyễn Thái Bình",
    "Nhà văn hoá khu phố 5",
    "Trạm y tế phường",
]


def configure_django() -> None:
    import django
    from django.conf import settings

    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        settings.configure(
            TEMPLATES=[
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [str(REPO_ROOT / "qr" / "templates")],
                }
            ],
            INSTALLED_APPS=[],
            LANGUAGE_CODE="vi",
        )
    django.setup()


def specs(count: int):
    from qr.posters import PosterSpec

    names = [name + variant for variant in VARIANTS for name in PROCEDURES]
    return [
        PosterSpec(
            ward_name="Ủy ban nhân dân Phường Nguyễn Thái Bình",
            procedure_name=names[i % len(names)],
            online_level_label=LEVELS[i % len(LEVELS)],
            short_url=f"https://phuongso.vn/q/{i:05d}X{i * 7919 % 100000:05d}",
            placement_label=PLACEMENTS[i % len(PLACEMENTS)],
            level="Q" if i % 5 == 2 else "M",  # outdoor boards get level Q
        )
        for i in range(count)
    ]


# The whole print job as the worker runs it, on the demo ward: 113 procedures × 3 placements.
TASK_SCRIPT = """
import resource, time
from qr.models import Placement, PosterBatch, Procedure
from qr.services import short_link_get_or_create
from qr.tasks import build_poster_batch
from wards.models import Ward

ward = Ward.objects.get(slug="hoa-an")
for n in range(113 - Procedure.objects.filter(ward=ward, active=True).count()):
    Procedure.objects.create(ward=ward, code=f"9.{n:06d}", name=f"Thủ tục thử số {n}", field="Khác")
procedures = list(Procedure.objects.filter(ward=ward, active=True)[:113])
placements = list(Placement.objects.filter(ward=ward).order_by("pk")[:3])
batch = PosterBatch.objects.create(ward=ward, paper="A4", total=len(procedures) * len(placements))
batch.procedures.set(procedures)
batch.placements.set(placements)
started, cpu = time.perf_counter(), time.process_time()
status = build_poster_batch(batch.pk)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
batch.refresh_from_db()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print("TASK", status, batch.total, f"{seconds:.2f}", f"{cpu:.2f}", rss, batch.file.size)
"""


def through_the_task() -> tuple[int, float, float, float, int]:
    from bench.lib import manage, prepared_site

    with prepared_site() as env:
        out = manage("shell", "-c", TASK_SCRIPT, env=env)
    line = next(line for line in out.splitlines() if line.startswith("TASK "))
    _task, status, pages, seconds, cpu, rss_mb, size = line.split()
    assert status == "done", out
    return int(pages), float(seconds), float(cpu), float(rss_mb), int(size)


def main() -> int:
    from bench.lib import report

    configure_django()
    from qr.posters import render_posters

    batch = specs(PAGES)
    started, cpu = time.perf_counter(), time.process_time()
    pdf = render_posters(batch, paper="A4")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    ok = report("posters.a4_339_render_seconds", seconds, "s", "<= 20", seconds <= BUDGET_SECONDS)
    ok &= report(
        "posters.a4_339_render_peak_rss_mb", peak_mb, "MB", "<= 500", peak_mb <= BUDGET_RSS_MB
    )
    # CPU time does not grow when other processes share the machine; wall time does.
    print(f"{'posters.a4_339_render_cpu_seconds':<48} {cpu:>10.1f} s")
    print(f"{'posters.a4_339_pdf_kb_per_page':<48} {len(pdf) / PAGES / 1024:>10.1f} KB")
    if "--render-only" not in sys.argv:
        pages, task_seconds, task_cpu, task_mb, size = through_the_task()
        ok &= report(
            f"posters.batch_task_{pages}_a4_seconds",
            task_seconds,
            "s",
            "<= 20",
            task_seconds <= BUDGET_SECONDS,
        )
        ok &= report(
            "posters.batch_task_peak_rss_mb", task_mb, "MB", "<= 500", task_mb <= BUDGET_RSS_MB
        )
        print(f"{'posters.batch_task_cpu_seconds':<48} {task_cpu:>10.1f} s")
        print(f"{'posters.batch_task_pdf_mb':<48} {size / 1e6:>10.1f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
