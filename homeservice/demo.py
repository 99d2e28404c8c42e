"""Demo: a one-stop officer (login "motcua"), a few vulnerable households in Khu phố 1 and 3 and
requests at different steps, one of them overdue. Idempotent: a second load changes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from homeservice.models import ServiceRequest, Vulnerability
from homeservice.services import request_advance, request_create, vulnerability_record
from wards.models import Household
from wards.roles import Role
from wards.services import membership_grant

OFFICER = "motcua"
KINDS = ["elderly_alone", "disability", "no_smartphone", "social_protection", "elderly_alone"]


def _officer(ward):
    from home.demo import PASSWORD

    user, created = get_user_model().objects.get_or_create(
        username=OFFICER, defaults={"first_name": "Cán bộ một cửa"}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
        membership_grant(user=user, ward=ward, role=Role.ONE_STOP)
    return user


@transaction.atomic
def load(ward) -> None:
    officer = _officer(ward)
    if ServiceRequest.objects.filter(ward=ward).exists():
        return
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["tovien", "totruong"])
    }
    member, leader = users.get("tovien"), users.get("totruong")
    # Two waiting for a call in Khu phố 3 (the team leader's), three under way in Khu phố 1.
    households = [
        *Household.objects.filter(ward=ward, area__code="kp3").order_by("pk")[:2],
        *Household.objects.filter(ward=ward, area__code="kp1").order_by("pk")[:3],
    ]
    if member is None or leader is None or not households:
        return
    from qr.models import Procedure

    procedures = list(Procedure.objects.filter(ward=ward, active=True).order_by("code")[:3])
    now = timezone.now()
    for index, (household, kind) in enumerate(zip(households, KINDS, strict=False)):
        walker = member if household.area.code == "kp1" else leader
        if not Vulnerability.objects.filter(household=household).exists():
            vulnerability_record(household=household, kind=kind, consent=True, by=walker)
        resident = household.residents.order_by("pk").first()
        procedure = procedures[index % len(procedures)] if procedures else None
        request = request_create(
            ward=ward,
            area=household.area,
            household=household,
            resident=resident,
            source=["field_visit", "hotline", "relative", "public_page", "field_visit"][index],
            consent=True,
            procedure_id=procedure.pk if procedure else None,
            need="" if procedure else "Giúp làm thủ tục trực tuyến",
            asked_by="Con gái" if index == 2 else "",
        )
        if index == 0:  # asked ten days ago and still waiting: overdue
            ServiceRequest.objects.filter(pk=request.pk).update(
                created_at=now - datetime.timedelta(days=10),
                due_on=timezone.localdate() - datetime.timedelta(days=3),
            )
        if index >= 2:
            request, _ = request_advance(
                request=request,
                to="scheduled",
                by=walker,
                appointment_at=now + datetime.timedelta(days=1, hours=index),
            )
        if index >= 3:
            request, _ = request_advance(request=request, to="visited", by=walker)
            names = [d["name"] for d in request.documents]
            request, _ = request_advance(
                request=request, to="documents_taken", by=walker, documents_taken=names
            )
        if index >= 4:
            request, _ = request_advance(
                request=request, to="submitted", by=officer, dossier_number="000.00.31.H01-DEMO-1"
            )
