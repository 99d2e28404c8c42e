"""Households and people added on the phone, as the sync API receives them (kind "household" or
"resident"). Checked by the online forms, saved by teams.services.field_records."""

import pydantic
from django.urls import reverse
from django.utils.translation import gettext as _

from teams.forms import HouseholdForm, ResidentForm
from teams.schemas import FormRecord
from teams.services.field_records import field_record_find, household_add, resident_add
from wards.models import Area, Household

FORM_KINDS = {"household", "resident"}


def household_url(household_id: int) -> str:
    return reverse("teams:household", args=[household_id])


def form_record_sync(*, member, raw: dict, result):
    """Answer one household or person record; `result` builds the SyncResult."""
    try:
        record = FormRecord.model_validate(raw)
    except pydantic.ValidationError:
        return result(
            raw.get("client_uuid"),
            "refused",
            reason=_("Bản ghi chưa hợp lệ. Hãy mở “Sửa”, kiểm tra các ô rồi lưu lại."),
        )
    uuid = str(record.client_uuid)
    known = field_record_find(client_uuid=record.client_uuid)
    if known is not None:
        if known.member_id != member.pk:
            return result(
                uuid, "refused", reason=_("Mã bản ghi này đã được dùng cho một bản ghi khác.")
            )
        return result(uuid, "duplicate", url=household_url(known.household_id))
    fields = {key: "" if value is None else value for key, value in record.fields.items()}
    if record.kind == "household":
        form = HouseholdForm(data=fields, areas=Area.objects.for_user(member))
        if not form.is_valid():
            return _refused(uuid, form, result, twin=form.twin)
        saved, created = household_add(
            member=member, client_uuid=record.client_uuid, fields=form.cleaned_data
        )
    else:
        household = (
            Household.objects.for_user(member)
            .select_related("ward")
            .filter(pk=record.household_id or 0)
            .first()
        )
        if household is None:
            return result(
                uuid,
                "refused",
                reason=_("Hộ này không thuộc các khu phố bạn phụ trách. Hãy hỏi tổ trưởng."),
                errors={"household_id": _("Không thuộc khu phố bạn phụ trách")},
            )
        form = ResidentForm(data=fields, household=household)
        if not form.is_valid():
            return _refused(uuid, form, result)
        saved, created = resident_add(
            member=member,
            client_uuid=record.client_uuid,
            household=household,
            fields=form.cleaned_data,
        )
    return result(
        uuid, "created" if created else "duplicate", url=household_url(saved.household_id)
    )


def _refused(uuid, form, result, twin=None):
    errors = {key: str(messages[0]) for key, messages in form.errors.items() if key != "__all__"}
    reasons = [str(message) for message in form.non_field_errors()] + list(errors.values())
    return result(
        uuid,
        "refused",
        reason=" ".join(dict.fromkeys(reasons)),
        errors=errors,
        url=household_url(twin.pk) if twin else "",
    )
