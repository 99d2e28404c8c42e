"""A batch of records from a phone (visits, households, people): each answered on its own, each
saved at most once.

Records are checked one by one (a refusal names its reason), then the accepted ones are saved
together (teams.services.visits_record); if that fails, one at a time, so one bad record cannot
hold back the others.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from teams.field_sync import FORM_KINDS, form_record_sync
from teams.models import FieldRecord, Visit
from teams.records import VisitRefused, check_visit, parse_record
from teams.schemas import FormRecord
from teams.services import member_teams, visits_record
from wards.models import Household, Resident

logger = logging.getLogger(__name__)


@dataclass
class SyncResult:
    client_uuid: str | None
    status: str
    visit_id: int | None = None
    reason: str = ""
    errors: dict = field(default_factory=dict)
    url: str = ""


def _raw_uuid(raw) -> str | None:
    value = raw.get("client_uuid") if isinstance(raw, dict) else getattr(raw, "client_uuid", None)
    return str(value)[:64] if value else None


def _unreadable(client_uuid) -> SyncResult:
    """A record the rules could not judge: refused, so the phone shows it and goes on."""
    logger.exception("record %s could not be checked", client_uuid)
    return SyncResult(
        str(client_uuid) if client_uuid else None,
        "refused",
        reason=_(
            "Máy chủ không đọc được bản ghi này. Hãy mở “Sửa”, kiểm tra các ô rồi lưu lại, "
            "hoặc bỏ bản ghi."
        ),
    )


def sync_batch(*, member, records: list) -> list[SyncResult]:
    """Save what can be saved; answer every record in the order received.

    Each record is judged alone: whatever one record holds, it is answered on its own and the
    others are still saved.
    """
    now = timezone.now()
    results: list[SyncResult | None] = [None] * len(records)
    # Households and people first: a visit of this batch may name a household added with it.
    visits = []
    for index, raw in enumerate(records):
        if isinstance(raw, FormRecord):
            raw = raw.model_dump(mode="json")
        if isinstance(raw, dict) and raw.get("kind") in FORM_KINDS:
            try:
                results[index] = form_record_sync(member=member, raw=raw, result=SyncResult)
            except Exception:
                results[index] = _unreadable(_raw_uuid(raw))
        else:
            visits.append((index, raw))
    parsed = []
    for index, raw in visits:
        try:
            parsed.append((index, parse_record(raw)))
        except VisitRefused as refusal:
            results[index] = SyncResult(
                _raw_uuid(raw), "refused", reason=refusal.reason, errors=refusal.errors
            )
        except Exception:
            results[index] = _unreadable(_raw_uuid(raw))
    parsed = _with_household_ids(member, parsed, results)
    existing = {
        visit.client_uuid: visit
        for visit in Visit.objects.filter(
            client_uuid__in=[record.client_uuid for _index, record in parsed]
        ).only("pk", "client_uuid", "member_id")
    }
    households = {
        household.pk: household
        for household in Household.objects.for_user(member)
        .filter(pk__in={record.household_id for _index, record in parsed})
        .select_related("ward", "area")
        .defer("search_text", "created_at", "updated_at")
        .prefetch_related(
            Prefetch(
                "residents",
                queryset=Resident.objects.only("pk", "household_id", "name_key").order_by("pk"),
            )
        )
    }
    drafts = []
    for index, record in parsed:
        known = existing.get(record.client_uuid)
        if known is not None:
            results[index] = _answer(record.client_uuid, known, False, member)
            continue
        try:
            drafts.append(
                (index, check_visit(member=member, record=record, households=households, now=now))
            )
        except VisitRefused as refusal:
            results[index] = SyncResult(
                str(record.client_uuid), "refused", reason=refusal.reason, errors=refusal.errors
            )
        except Exception:
            results[index] = _unreadable(record.client_uuid)
    for (index, draft), saved in zip(
        drafts, _save(member, [draft for _index, draft in drafts]), strict=True
    ):
        if saved is None:
            results[index] = SyncResult(
                str(draft.client_uuid),
                "error",
                reason=_("Máy chủ chưa lưu được bản ghi này; sẽ gửi lại sau."),
            )
        else:
            results[index] = _answer(draft.client_uuid, *saved, member)
    return results


def _with_household_ids(member, parsed, results) -> list:
    """Visits naming a household added on the phone get its id; one not saved yet waits."""
    uuids = {record.household_uuid for _index, record in parsed if record.household_id is None}
    if not uuids:
        return parsed
    ids = dict(
        FieldRecord.objects.filter(
            client_uuid__in=uuids, kind=FieldRecord.Kind.HOUSEHOLD, member=member
        ).values_list("client_uuid", "household_id")
    )
    ready = []
    for index, record in parsed:
        if record.household_id is None:
            record.household_id = ids.get(record.household_uuid)
            if record.household_id is None:
                results[index] = SyncResult(
                    str(record.client_uuid),
                    "error",
                    reason=_("Đang chờ lưu hộ mới của lần thăm này trước."),
                )
                continue
        ready.append((index, record))
    return ready


def _save(member, drafts) -> list:
    if not drafts:
        return []
    teams = member_teams(member)
    try:
        return visits_record(member=member, drafts=drafts, teams=teams)
    except Exception:
        logger.exception("a batch of %s visits failed; saving them one at a time", len(drafts))
    saved = []
    for draft in drafts:
        try:
            saved.append(visits_record(member=member, drafts=[draft], teams=teams)[0])
        except Exception:
            # Kept on the phone and sent again later; logged without personal data.
            logger.exception("visit %s could not be saved", draft.client_uuid)
            saved.append(None)
    return saved


def _answer(client_uuid, visit, created: bool, member) -> SyncResult:
    if visit.member_id != member.pk:
        return SyncResult(
            str(client_uuid),
            "refused",
            reason=_("Mã bản ghi này đã được dùng cho một lần thăm khác."),
        )
    return SyncResult(str(client_uuid), "created" if created else "duplicate", visit_id=visit.pk)
