"""Areas (khu phố) are written here, as households and residents are in wards.services: each
write leaves an audit entry and a change mark, since an area's name and code are what the
leaders' figures, the team lists and the posters print.

An area never changes ward (its households carry the ward too), and one with households in it
is not deleted: they would be left with nowhere to belong.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from wards import changes
from wards.models import Area, AuditEntry
from wards.services import audit_record, fields_assign


class AreaInUse(Exception):
    """The area still has households."""


@transaction.atomic
def area_create(*, ward, name: str, code: str, by=None) -> Area:
    area = Area(ward=ward)
    fields_assign(area, {"name": name, "code": code})
    area.save()
    changes.record(ward_ids=[ward.pk])
    audit_record(actor=by, action=AuditEntry.Action.CREATE, obj=area, ward=ward, summary=area.name)
    return area


@transaction.atomic
def area_update(*, area: Area, by=None, name: str, code: str) -> Area:
    changed = fields_assign(area, {"name": name, "code": code})
    if changed:
        area.save()
        changes.record(ward_ids=[area.ward_id])
        audit_record(
            actor=by, action=AuditEntry.Action.UPDATE, obj=area, ward=area.ward, changes=changed
        )
    return area


@transaction.atomic
def area_delete(*, area: Area, by=None) -> None:
    households = area.households.count()
    if households:
        raise AreaInUse(
            _("Khu phố “%(area)s” còn %(n)s hộ: chuyển các hộ sang khu phố khác trước khi xóa.")
            % {"area": area.name, "n": households}
        )
    changes.record(ward_ids=[area.ward_id])
    audit_record(
        actor=by, action=AuditEntry.Action.DELETE, obj=area, ward=area.ward, summary=area.name
    )
    area.delete()
