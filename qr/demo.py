"""Demo catalogue for the demo ward: 108 commune-level procedures (codes unverified), the places
posters hang, related lessons, and a few months of scans. Idempotent."""

import datetime
import random
from pathlib import Path

import tablib
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from qr import services
from qr.models import Placement, Procedure, ProcedureLesson, Scan, ScanDay
from qr.resources import ProcedureResource
from wards import changes
from wards.models import Area

CATALOGUE = Path(__file__).with_name("demo_procedures.csv")
# The shipped file uses English headers; the admin import uses Vietnamese ones.
HEADERS = {
    "code": "ma_thu_tuc",
    "name": "ten_thu_tuc",
    "field": "linh_vuc",
    "level": "cap_thuc_hien",
    "online_level": "muc_truc_tuyen",
    "processing_time": "thoi_han",
    "fees": "le_phi",
    "documents": "giay_to",
    "steps": "cac_buoc",
    "where_to_submit": "noi_nop",
    "legal_basis": "can_cu_phap_ly",
    "who_may_apply": "doi_tuong",
    "purpose": "muc_dich",
    "verified": "da_doi_chieu",
}
# (label, kind, area code, outdoor)
PLACEMENTS = [
    ("Bộ phận một cửa – Quầy tiếp nhận", Placement.Kind.COUNTER, None, False),
    ("Bảng tin Khu phố 1", Placement.Kind.NOTICE_BOARD, "kp1", True),
    ("Bảng tin Khu phố 2", Placement.Kind.NOTICE_BOARD, "kp2", True),
    ("Bảng tin Khu phố 3", Placement.Kind.NOTICE_BOARD, "kp3", True),
    ("Nhà văn hóa Khu phố 4", Placement.Kind.COMMUNITY_HOUSE, "kp4", False),
]
LESSONS_FOR_ALL_ONLINE = ["tai-khoan-dich-vu-cong-bang-vneid", "tra-cuu-tinh-trang-ho-so"]
LESSONS_BY_CODE = {"1.001193": ["nop-ho-so-dang-ky-khai-sinh-truc-tuyen"]}
PAYING_LESSON = "nop-phi-le-phi-tien-phat-truc-tuyen"
SCANNED_PROCEDURES = 24
SCAN_DAYS = 150


def load(ward) -> None:
    services.procedure_index_ensure(ward=ward)
    import_catalogue(ward)
    placements = ensure_placements(ward)
    relate_lessons(ward)
    if not Scan.objects.filter(link__placement__ward=ward).exists() and not (
        ScanDay.objects.filter(link__placement__ward=ward).exists()
    ):
        generate_scans(ward, placements)


def import_catalogue(ward) -> None:
    dataset = tablib.Dataset().load(CATALOGUE.read_text(encoding="utf-8"), format="csv")
    dataset.headers = [HEADERS.get(name, name) for name in dataset.headers]
    result = ProcedureResource(ward=ward).import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_validation_errors(), "demo catalogue has invalid rows"


def ensure_placements(ward) -> list[Placement]:
    areas = {area.code: area for area in Area.objects.filter(ward=ward)}
    placements = []
    for label, kind, area_code, outdoor in PLACEMENTS:
        placement, _created = Placement.objects.get_or_create(
            ward=ward,
            label=label,
            defaults={"kind": kind, "area": areas.get(area_code), "outdoor": outdoor},
        )
        placements.append(placement)
    return placements


def relate_lessons(ward) -> None:
    def lesson(slug):
        return Page.objects.live().filter(slug=slug).order_by("path").first()

    for procedure in Procedure.objects.filter(ward=ward):
        if procedure.lessons.exists():
            continue
        slugs = list(LESSONS_BY_CODE.get(procedure.code, []))
        if procedure.can_submit_online:
            slugs += LESSONS_FOR_ALL_ONLINE
            if "miễn" not in procedure.fees.lower() and procedure.fees:
                slugs.append(PAYING_LESSON)
        for order, page in enumerate(filter(None, (lesson(slug) for slug in slugs))):
            ProcedureLesson.objects.create(procedure=procedure, page=page, sort_order=order)


@transaction.atomic
def generate_scans(ward, placements, *, today: datetime.date | None = None) -> None:
    """Scans of the busiest procedures over five months; old ones rolled into daily totals.

    The community house has had no scan for six weeks, so the report has a silent placement.
    """
    rng = random.Random(2026)
    today = today or timezone.localdate()
    procedures = list(
        Procedure.objects.filter(ward=ward).active().order_by("field", "code")[:SCANNED_PROCEDURES]
    )
    links = [
        (services.short_link_get_or_create(procedure=p, placement=place), rank, place)
        for rank, p in enumerate(procedures)
        for place in placements
    ]
    silent = placements[-1]
    scans = []
    for days_ago in range(SCAN_DAYS, -1, -1):
        day = today - datetime.timedelta(days=days_ago)
        weekday_factor = 0.4 if day.weekday() >= 5 else 1.0
        for link, rank, place in links:
            if place == silent and days_ago < 42:
                continue
            counter = 3.0 if place.kind == Placement.Kind.COUNTER else 1.0
            expected = counter * weekday_factor * 1.2 / (1 + rank / 3)
            visitors: list[str] = []
            for _n in range(_poisson(rng, expected)):
                # Some people scan twice (once to read, once to submit): same visitor that day.
                again = visitors and rng.random() < 0.2
                visitor = rng.choice(visitors) if again else f"{rng.getrandbits(64):016x}"
                visitors.append(visitor)
                scans.append(_scan(rng, link, day, visitor, bot=rng.random() < 0.06))
    Scan.objects.bulk_create(scans, batch_size=2000)
    changes.record(ward_ids=[ward.pk], part=changes.Part.SCANS)
    services.scans_roll_up(today=today)


def _poisson(rng, expected: float) -> int:
    count, threshold, product = 0, pow(2.718281828, -expected), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def _scan(rng, link, day, visitor: str, *, bot: bool) -> Scan:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 20), rng.randint(0, 59)))
    return Scan(
        link=link,
        at=timezone.make_aware(moment),
        device="other" if bot else rng.choice(["mobile"] * 9 + ["tablet"]),
        is_bot=bot,
        visitor=visitor,
    )
