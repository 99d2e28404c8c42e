"""Check a visit record (from the sync API or the plain form) against the rules, in Vietnamese.

`check_visit` turns a VisitRecord into a VisitDraft the services can save, or raises VisitRefused
with one reason and per-field messages. The household must be one the member may read: that
question is asked of Household.objects.for_user, never answered here.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import pydantic
from django.utils import timezone
from django.utils.translation import gettext as _

from teams.models import Action, Visit
from teams.schemas import VisitRecord
from wards.models import Household, Resident
from wards.parsing import bounded_id
from wards.phones import InvalidPhone, normalise_phone
from wards.text import nfc, same_name_key

MAX_AGE_DAYS = 60
EARLIEST = datetime.datetime(2000, 1, 1)
LATEST = datetime.datetime(2100, 1, 1)
MAX_FOLLOW_UP_DAYS = 180
CLOCK_SKEW = datetime.timedelta(minutes=10)
# What a person types as a phone number: digits and a few separators, nothing else. Checked before
# the number is parsed, so "1e5000" or a page of digits never reaches the parser.
PHONE_TYPED = re.compile(r"\+?[\d\s().-]{1,20}")


# Control characters (NUL, vertical tab…) break spreadsheets and mean nothing in a note; line
# breaks and tabs stay.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(text: str | None) -> str:
    """Typed text as saved: NFC, without control characters."""
    return CONTROL.sub("", nfc(text))


def field_phone(raw: str) -> str:
    """A phone typed in the field, as E.164, or "" if blank; InvalidPhone in Vietnamese otherwise."""
    text = (raw or "").strip()
    if not text:
        return ""
    if not PHONE_TYPED.fullmatch(text):
        raise InvalidPhone(
            _("Số điện thoại chỉ gồm chữ số (có thể có dấu cách), ví dụ 0912 345 678."),
            code="invalid",
        )
    return normalise_phone(text)


class VisitRefused(Exception):
    def __init__(self, reason: str, errors: dict[str, str] | None = None):
        super().__init__(reason)
        self.reason = reason
        self.errors = errors or {}


@dataclass
class AttendeeDraft:
    resident: Resident | None  # None: a person met for the first time, created with the visit
    actions: list[str]
    procedure: str = ""
    other: str = ""
    new_person: dict = field(default_factory=dict)


@dataclass
class VisitDraft:
    client_uuid: uuid.UUID
    household: Household
    visited_at: datetime.datetime
    outcome: str
    attendees: list[AttendeeDraft]
    follow_up_on: datetime.date | None = None
    follow_up_reason: str = ""
    notes: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    gps_accuracy_m: int | None = None


def field_labels() -> dict[str, str]:
    return {
        "client_uuid": _("mã bản ghi"),
        "household_id": _("hộ"),
        "visited_at": _("thời điểm thăm"),
        "outcome": _("kết quả"),
        "attendees": _("người có mặt"),
        "follow_up_on": _("ngày hẹn quay lại"),
        "follow_up_reason": _("lý do hẹn"),
        "notes": _("ghi chú"),
        "latitude": _("vị trí GPS"),
        "longitude": _("vị trí GPS"),
        "gps_accuracy_m": _("vị trí GPS"),
    }


def parse_record(raw) -> VisitRecord:
    """Validate the shape of one record; a bad shape is refused with the fields named in Vietnamese."""
    if isinstance(raw, VisitRecord):
        return raw
    try:
        return VisitRecord.model_validate(raw)
    except pydantic.ValidationError as error:
        labels = field_labels()
        errors = {}
        for problem in error.errors():
            key = ".".join(str(part) for part in problem["loc"])
            top = str(problem["loc"][0]) if problem["loc"] else ""
            errors[key] = _("%(field)s chưa hợp lệ") % {"field": labels.get(top, top)}
        names = sorted({labels.get(key.split(".")[0], key) for key in errors})
        raise VisitRefused(
            _("Bản ghi chưa hợp lệ ở: %(fields)s.") % {"fields": ", ".join(names)}, errors
        ) from None


def check_visit(
    *, member, record: VisitRecord, households: dict | None = None, now=None
) -> VisitDraft:
    """The rules a visit must meet before it is saved. `households` may hold ones already read."""
    now = now or timezone.now()
    household = (households or {}).get(record.household_id)
    if household is None:
        household = (
            Household.objects.for_user(member)
            .select_related("ward", "area")
            .filter(pk=record.household_id)
            .first()
        )
    if household is None:
        raise VisitRefused(
            _(
                "Hộ này không thuộc các khu phố bạn phụ trách (hoặc không còn trong danh sách). "
                "Hãy hỏi tổ trưởng."
            ),
            {"household_id": _("Không thuộc khu phố bạn phụ trách")},
        )
    errors: dict[str, str] = {}
    visited_at = record.visited_at
    if not EARLIEST <= visited_at.replace(tzinfo=None) <= LATEST:
        # Far outside any real visit (a phone's clock at year 1 or 9999): refused before any
        # time-zone arithmetic, which overflows at the ends of the calendar.
        raise VisitRefused(
            _("Ngày giờ của lần thăm không đúng: hãy kiểm tra ngày giờ của điện thoại."),
            {"visited_at": _("Ngày giờ không đúng")},
        )
    if timezone.is_naive(visited_at):
        visited_at = timezone.make_aware(visited_at)
    if visited_at > now + CLOCK_SKEW:
        errors["visited_at"] = _(
            "Thời điểm thăm ở tương lai: hãy kiểm tra ngày giờ của điện thoại."
        )
    elif visited_at < now - datetime.timedelta(days=MAX_AGE_DAYS):
        errors["visited_at"] = _("Lần thăm đã quá %(days)s ngày, không thể ghi nữa.") % {
            "days": MAX_AGE_DAYS
        }
    attendees = _check_attendees(record, household, errors)
    outcome = record.outcome
    if outcome == Visit.Outcome.NOBODY_HOME and attendees:
        errors["attendees"] = _("Không có ai ở nhà thì không ghi người có mặt.")
    elif outcome in (Visit.Outcome.DONE, Visit.Outcome.PARTLY) and not attendees:
        errors["attendees"] = _("Hãy chọn ít nhất một người có mặt.")
    elif outcome == Visit.Outcome.REFUSED and any(a.actions for a in attendees):
        errors["attendees"] = _("Hộ từ chối thì không ghi việc đã làm; hãy chọn “Xong một phần”.")
    reason = plain(record.follow_up_reason)
    visited_on = timezone.localdate(visited_at)
    if record.follow_up_on:
        if record.follow_up_on < visited_on:
            errors["follow_up_on"] = _("Ngày hẹn quay lại phải từ ngày thăm trở đi.")
        elif record.follow_up_on > visited_on + datetime.timedelta(days=MAX_FOLLOW_UP_DAYS):
            errors["follow_up_on"] = _("Ngày hẹn quay lại quá xa (tối đa %(days)s ngày).") % {
                "days": MAX_FOLLOW_UP_DAYS
            }
        if not reason:
            errors["follow_up_reason"] = _("Hãy ghi lý do hẹn quay lại.")
    elif reason:
        errors["follow_up_on"] = _("Hãy chọn ngày hẹn quay lại.")
    if (record.latitude is None) != (record.longitude is None):
        errors["latitude"] = _("Vị trí GPS thiếu kinh độ hoặc vĩ độ.")
    if errors:
        raise VisitRefused(" ".join(dict.fromkeys(errors.values())), errors)
    return VisitDraft(
        client_uuid=record.client_uuid,
        household=household,
        visited_at=visited_at,
        outcome=outcome,
        attendees=attendees,
        follow_up_on=record.follow_up_on,
        follow_up_reason=reason,
        notes=plain(record.notes),
        latitude=_coordinate(record.latitude),
        longitude=_coordinate(record.longitude),
        gps_accuracy_m=round(record.gps_accuracy_m) if record.gps_accuracy_m is not None else None,
    )


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


def _check_attendees(record: VisitRecord, household: Household, errors: dict) -> list:
    known = {resident.pk: resident for resident in _residents_of(household)}
    drafts, seen = [], set()
    for index, entry in enumerate(record.attendees):
        prefix = f"attendees.{index}"
        actions = list(dict.fromkeys(str(action) for action in entry.actions))
        procedure, other = plain(entry.procedure), plain(entry.other)
        if Action.SUBMITTED_ONLINE in actions and not procedure:
            errors[f"{prefix}.procedure"] = _("Hãy ghi tên thủ tục đã nộp trực tuyến.")
        if Action.OTHER in actions and not other:
            errors[f"{prefix}.other"] = _("Hãy ghi rõ việc khác đã làm.")
        if entry.resident_id is not None:
            resident = known.get(entry.resident_id)
            if resident is None:
                errors[f"{prefix}.resident_id"] = _("Người này không có trong hộ.")
                continue
            if resident.pk in seen:
                continue
            seen.add(resident.pk)
            drafts.append(AttendeeDraft(resident, actions, procedure, other))
            continue
        draft = _new_person(entry, household, known, prefix, errors, actions, procedure, other)
        if draft.resident is not None:  # typed as new, but already in the household
            if draft.resident.pk in seen:
                continue
            seen.add(draft.resident.pk)
        drafts.append(draft)
    return drafts


def _residents_of(household: Household) -> list[Resident]:
    cached = getattr(household, "_prefetched_objects_cache", {}).get("residents")
    return list(cached) if cached is not None else list(household.residents.all())


def _new_person(entry, household, known, prefix, errors, actions, procedure, other):
    name = plain(entry.new_full_name)
    if not name:
        errors[f"{prefix}.new_full_name"] = _("Hãy ghi họ tên người mới gặp.")
    year = entry.new_birth_year
    if year is not None and not 1900 <= year <= timezone.localdate().year:
        errors[f"{prefix}.new_birth_year"] = _("Năm sinh chưa đúng.")
    phone = ""
    try:
        phone = field_phone(entry.new_phone)
    except InvalidPhone as error:
        errors[f"{prefix}.new_phone"] = error.messages[0]
    # The same person typed again (another tone placement, other case) is the known resident.
    key = same_name_key(name)
    twin = next((r for r in known.values() if r.name_key == key), None) if name else None
    if twin:
        return AttendeeDraft(twin, actions, procedure, other)
    return AttendeeDraft(
        None,
        actions,
        procedure,
        other,
        new_person={"full_name": name, "birth_year": year, "phone": phone},
    )


def record_from_form(data, household_id: int) -> dict:
    """The plain HTML visit form (no JavaScript) as a record: same fields as the phone sends."""
    attendees = []
    present = set(data.getlist("present"))
    for key in sorted({k.split("_", 1)[1] for k in data if k.startswith("actions_")} | present):
        resident_id = bounded_id(key)
        if resident_id is None:
            continue
        attendees.append(
            {
                "resident_id": resident_id,
                "actions": data.getlist(f"actions_{key}"),
                "procedure": data.get(f"procedure_{key}", ""),
                "other": data.get(f"other_{key}", ""),
            }
        )
    if data.get("new_full_name", "").strip():
        attendees.append(
            {
                "new_full_name": data.get("new_full_name", ""),
                "new_birth_year": data.get("new_birth_year") or None,
                "new_phone": data.get("new_phone", ""),
                "actions": data.getlist("actions_new"),
                "procedure": data.get("procedure_new", ""),
                "other": data.get("other_new", ""),
            }
        )
    return {
        "client_uuid": data.get("client_uuid", ""),
        "household_id": household_id,
        "visited_at": data.get("visited_at") or timezone.now().isoformat(),
        "outcome": data.get("outcome", ""),
        "attendees": attendees,
        "follow_up_on": data.get("follow_up_on") or None,
        "follow_up_reason": data.get("follow_up_reason", ""),
        "notes": data.get("notes", ""),
        "latitude": data.get("latitude") or None,
        "longitude": data.get("longitude") or None,
        "gps_accuracy_m": data.get("gps_accuracy_m") or None,
    }
