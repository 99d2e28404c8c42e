"""Deterministic, bulk generation of households, residents and adoption events.

Used by the demo ward (a believable mix) and by `seed_scale` (benchmark volumes). Statuses are
computed by wards.services.derive_status, the same rule the services use one event at a time.
"""

import datetime
import random
from dataclasses import dataclass

from wards import changes
from wards.bulk import insert_rows, next_id, reset_sequences
from wards.models import AdoptionEvent, EventSource, Household, Milestone, Resident
from wards.services import derive_status
from wards.text import fold, same_name_key

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Mai",
    "Tô",
]
MIDDLE_MALE = ["Văn", "Minh", "Hữu", "Đức", "Quốc", "Thanh", "Công", "Xuân", "Hoàng", "Gia"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Minh", "Mỹ", "Hồng", "Bảo", "Diệu"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
]
STREETS = [
    "Lê Lợi",
    "Trần Phú",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Phan Châu Trinh",
    "Hoàng Diệu",
    "Ngô Quyền",
    "Bạch Đằng",
    "Hùng Vương",
    "Lê Duẩn",
]
VIETTEL_AND_OTHERS = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "086",
    "096",
    "097",
    "098",
    "081",
    "082",
    "083",
    "084",
    "085",
    "088",
    "091",
    "094",
    "070",
    "076",
    "077",
    "078",
    "079",
    "089",
    "090",
    "093",
]

# Share of adults who had reached each milestone before the period and by its end (demo ward).
BASELINE = {
    Milestone.VNEID_LEVEL1: (0.55, 0.85),
    Milestone.VNEID_LEVEL2_ISSUED: (0.35, 0.72),
    Milestone.VNEID_LEVEL2_ACTIVATED: (0.15, 0.58),
    Milestone.PUBLIC_SERVICE_ACCOUNT: (0.20, 0.55),
    Milestone.ONLINE_SUBMISSION: (0.10, 0.38),
    Milestone.CASHLESS_PAYMENT: (0.30, 0.62),
}
CHAIN = list(BASELINE)  # order in which a resident tends to reach them


@dataclass
class Counts:
    households: int = 0
    residents: int = 0
    events: int = 0


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"


def mobile_number(rng: random.Random) -> str:
    return f"+84{rng.choice(VIETTEL_AND_OTHERS)[1:]}{rng.randrange(10**7):07d}"


def _milestone_events(rng, today, period_days, verified_share):
    """Which milestones a resident reached, and when: before the period (import) or during it."""
    events = []
    progress = rng.random()
    last_day = None
    for milestone in CHAIN:
        before, after = BASELINE[milestone]
        if progress >= after:
            break
        if progress < before:
            day = today - datetime.timedelta(days=period_days + rng.randrange(30, 400))
            source, verified = EventSource.IMPORT, True
        else:
            # Adoption speeds up through the year as the teams get going.
            offset = int(period_days * (1 - rng.random() ** 1.6))
            day = today - datetime.timedelta(days=period_days - offset)
            source = EventSource.VISIT if rng.random() < 0.7 else EventSource.SELF_REPORT
            verified = source == EventSource.VISIT or rng.random() < verified_share
        if last_day and day < last_day:
            day = last_day
        last_day = day
        events.append((milestone, day, source, verified))
    return events


def generate_people(
    *,
    ward,
    areas,
    households_per_area: int,
    seed: int,
    today: datetime.date,
    period_days: int = 365,
    verified_share: float = 0.4,
) -> Counts:
    """Bulk-insert households, residents and their events for the given areas."""
    from django.utils import timezone

    rng = random.Random(seed)
    counts = Counts()
    now = timezone.now()
    this_year = today.year
    household_id, resident_id = next_id(Household), next_id(Resident)
    event_id = next_id(AdoptionEvent)
    for area in areas:
        households, residents, events = [], [], []
        for number in range(1, households_per_area + 1):
            head = person_name(rng)
            address = (
                f"{rng.randrange(1, 300)}/{rng.randrange(1, 40)} {rng.choice(STREETS)}, {area.name}"
            )
            phone = mobile_number(rng) if rng.random() < 0.85 else ""
            size = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6])
            households.append(
                (
                    household_id,
                    ward.pk,
                    area.pk,
                    f"{area.code}-{number:05d}".upper(),
                    address,
                    head,
                    phone,
                    size,
                    fold(f"{address} {head}")[:400],
                    now,
                    now,
                )
            )
            for member in range(size):
                name = head if member == 0 else person_name(rng)
                birth_year = this_year - (
                    rng.randrange(30, 80) if member == 0 else rng.randrange(3, 85)
                )
                adult = this_year - birth_year >= 18
                reached = (
                    _milestone_events(rng, today, period_days, verified_share) if adult else []
                )
                status = derive_status({milestone for milestone, *_ in reached})
                resident_phone = (
                    phone
                    if member == 0
                    else mobile_number(rng)
                    if adult and rng.random() < 0.6
                    else ""
                )
                residents.append(
                    (
                        resident_id,
                        household_id,
                        name,
                        birth_year,
                        resident_phone,
                        adult and rng.random() < 0.75,
                        status["vneid"],
                        status["has_public_service_account"],
                        status["has_submitted_online"],
                        status["uses_cashless"],
                        same_name_key(name),
                        now,
                        now,
                    )
                )
                for milestone, day, source, verified in reached:
                    events.append(
                        (event_id, resident_id, milestone, day, source, verified, "generated", now)
                    )
                    event_id += 1
                resident_id += 1
            household_id += 1
        insert_rows(Household, HOUSEHOLD_COLUMNS, households)
        insert_rows(Resident, RESIDENT_COLUMNS, residents)
        insert_rows(AdoptionEvent, EVENT_COLUMNS, events)
        counts.households += len(households)
        counts.residents += len(residents)
        counts.events += len(events)
    reset_sequences(Household, Resident, AdoptionEvent)
    changes.record(ward_ids=[ward.pk], part=changes.Part.PEOPLE)
    return counts


HOUSEHOLD_COLUMNS = [
    "id",
    "ward_id",
    "area_id",
    "code",
    "address",
    "head_name",
    "phone",
    "size",
    "search_text",
    "created_at",
    "updated_at",
]
RESIDENT_COLUMNS = [
    "id",
    "household_id",
    "full_name",
    "birth_year",
    "phone",
    "consent_to_messages",
    "vneid",
    "has_public_service_account",
    "has_submitted_online",
    "uses_cashless",
    "name_key",
    "created_at",
    "updated_at",
]
EVENT_COLUMNS = [
    "id",
    "resident_id",
    "milestone",
    "occurred_on",
    "source",
    "verified",
    "source_ref",
    "created_at",
]
