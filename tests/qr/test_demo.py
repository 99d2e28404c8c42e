"""The demo catalogue: at least 80 realistic procedures marked unverified, placements, scans."""

from qr import demo, reports
from qr.models import Placement, Procedure, Scan, ScanDay, ShortLink


def test_demo_load_is_complete_and_idempotent(two_wards):
    ward = two_wards.a
    demo.load(ward)
    counts = (
        Procedure.objects.filter(ward=ward).count(),
        Placement.objects.filter(ward=ward).count(),
        ShortLink.objects.count(),
        Scan.objects.count(),
        ScanDay.objects.count(),
    )
    demo.load(ward)
    assert (
        Procedure.objects.filter(ward=ward).count(),
        Placement.objects.filter(ward=ward).count(),
        ShortLink.objects.count(),
        Scan.objects.count(),
        ScanDay.objects.count(),
    ) == counts
    procedures = Procedure.objects.filter(ward=ward)
    assert procedures.count() >= 80
    assert not procedures.filter(verified=True).exists()  # codes not checked: demo data
    assert procedures.filter(code="1.001193", name="Đăng ký khai sinh").exists()
    assert len(set(procedures.values_list("field", flat=True))) >= 10
    labels = set(Placement.objects.filter(ward=ward).values_list("label", flat=True))
    assert "Bộ phận một cửa – Quầy tiếp nhận" in labels and "Bảng tin Khu phố 3" in labels
    # Old scans are already daily totals; the community house has gone quiet.
    assert counts[3] > 0 and counts[4] > 0
    assert [p.label for p in reports.silent_placements(ward=ward)] == ["Nhà văn hóa Khu phố 4"]
