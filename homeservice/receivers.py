"""What this app hears from others: a resident replying "GIUP" to a message asks for help."""

import logging

from django.utils.translation import gettext as _

from homeservice.lifecycle import StepRefused

logger = logging.getLogger(__name__)


def on_help_requested(sender, *, ward_id, phone, resident_id=None, text="", **kwargs):
    """A request with source "SMS reply": the resident found by phone in that ward, else the phone."""
    from homeservice.models import ServiceRequest
    from homeservice.services import request_create
    from wards.models import Area, Resident, Ward

    ward = Ward.objects.filter(pk=ward_id).first()
    if ward is None:
        return
    residents = Resident.objects.filter(household__ward=ward).select_related("household__area")
    resident = residents.filter(pk=resident_id).first() if resident_id else None
    resident = resident or residents.filter(phone=phone).order_by("pk").first()
    household = resident.household if resident else None
    area = household.area if household else Area.objects.filter(ward=ward).order_by("code").first()
    if area is None:
        return
    # A provider's retry, or a resident who sends GIUP twice, must not open a second request
    # while the first is still being served.
    asked_before = ServiceRequest.objects.open().filter(ward=ward, source="sms_reply")
    asked_before = (
        asked_before.filter(resident=resident)
        if resident
        else asked_before.filter(contact_phone=phone)
    )
    if asked_before.exists():
        return
    try:
        request_create(
            ward=ward,
            area=area,
            household=household,
            resident=resident,
            source="sms_reply",
            consent=True,  # the resident asked by replying themselves
            need=(text or "")[:300] or _("Nhờ giúp (trả lời tin nhắn)"),
            contact_phone=phone if resident is None else "",
        )
    except StepRefused as refusal:
        logger.warning("help request from a reply not recorded: %s", refusal.reason)


def connect() -> None:
    from campaigns.signals import help_requested

    help_requested.connect(on_help_requested, dispatch_uid="homeservice.help_requested")
