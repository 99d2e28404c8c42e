"""The catalogue as citizens think of it: by what is happening in their life, most used first.

A procedure belongs to the first event whose words its folded name or field holds; the rest go
to "Thủ tục khác". Use counts are scans of the procedure's posters (raw scans and daily totals).
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from assistant import text
from wards.text import vietnamese_sort_key

EVENTS = [
    ("sinh-con", _("Sinh con"), ["khai sinh", "nhan cha", "tre em duoi 6", "con nuoi"]),
    ("ket-hon", _("Kết hôn"), ["ket hon", "tinh trang hon nhan"]),
    (
        "nguoi-than-mat",
        _("Khi người thân mất"),
        ["khai tu", "mai tang", "di san", "di chuc", "tu tuat"],
    ),
    (
        "cu-tru",
        _("Cư trú, hộ khẩu"),
        ["thuong tru", "tam tru", "tam vang", "luu tru", "tach ho", "cu tru"],
    ),
    ("dat-dai", _("Đất đai, nhà ở, xây dựng"), ["dat", "xay dung", "nha o"]),
    ("chung-thuc", _("Chứng thực giấy tờ"), ["chung thuc", "ban sao"]),
    (
        "ho-tro",
        _("Trợ cấp, hỗ trợ, người có công"),
        ["tro cap", "ho tro", "ngheo", "khuyet tat", "liet si", "nguoi co cong", "bao tro"],
    ),
    ("kinh-doanh", _("Kinh doanh"), ["kinh doanh"]),
    ("bao-hiem", _("Bảo hiểm, việc làm"), ["bao hiem", "viec lam", "dao tao nghe"]),
]
OTHER = ("khac", _("Thủ tục khác"))


def event_of(procedure) -> tuple[str, str]:
    words = f" {' '.join(text.syllables(procedure.name))} | {' '.join(text.syllables(procedure.field))} "
    for slug, label, keys in EVENTS:
        if any(f" {key} " in words for key in keys):
            return slug, label
    return OTHER


def use_counts(procedures) -> dict[int, int]:
    from qr.models import Scan, ScanDay

    ids = [p.pk for p in procedures]
    counts = dict(
        Scan.objects.people()
        .filter(link__procedure__in=ids)
        .values_list("link__procedure")
        .annotate(n=Count("id"))
    )
    for pk, n in (
        ScanDay.objects.filter(link__procedure__in=ids)
        .values_list("link__procedure")
        .annotate(n=Sum("scans"))
    ):
        counts[pk] = counts.get(pk, 0) + (n or 0)
    return counts


def grouped(procedures) -> list[dict]:
    """[{slug, label, procedures, uses}], the most used event first, "other" last."""
    procedures = list(procedures)
    counts = use_counts(procedures)
    groups: dict[str, dict] = {}
    for procedure in procedures:
        slug, label = event_of(procedure)
        group = groups.setdefault(slug, {"slug": slug, "label": label, "procedures": [], "uses": 0})
        procedure.uses = counts.get(procedure.pk, 0)
        group["procedures"].append(procedure)
        group["uses"] += procedure.uses
    for group in groups.values():
        group["procedures"].sort(key=lambda p: (-p.uses, vietnamese_sort_key(p.name)))
    order = [slug for slug, _, _ in EVENTS]
    return sorted(
        groups.values(),
        key=lambda g: (
            g["slug"] == OTHER[0],
            -g["uses"],
            order.index(g["slug"]) if g["slug"] in order else 99,
        ),
    )
