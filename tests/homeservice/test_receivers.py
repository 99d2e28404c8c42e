"""A resident replying "GIUP" to a message becomes a request with source "SMS reply"."""

from campaigns.signals import help_requested
from homeservice.models import ServiceRequest


def test_a_known_number_becomes_the_residents_request(hs):
    help_requested.send(
        sender=None, ward_id=hs.a.pk, phone="+84912000002", resident_id=None, text="GIUP"
    )
    request = ServiceRequest.objects.get()
    assert request.source == "sms_reply"
    assert request.resident.phone == "+84912000002" and request.area == hs.resident.household.area
    assert request.ward == hs.a


def test_an_unknown_number_becomes_a_request_with_only_the_phone(hs):
    help_requested.send(
        sender=None,
        ward_id=hs.a.pk,
        phone="+84987654321",
        resident_id=None,
        text="GIUP lam can cuoc",
    )
    request = ServiceRequest.objects.get()
    assert request.resident is None and request.household is None
    assert request.contact_phone == "+84987654321" and request.need == "GIUP lam can cuoc"


def test_a_number_known_only_in_another_ward_is_not_linked(hs):
    help_requested.send(
        sender=None, ward_id=hs.b.pk, phone="+84999999999", resident_id=hs.resident.pk, text="GIUP"
    )
    request = ServiceRequest.objects.get()
    assert request.ward == hs.b and request.resident is None


def test_a_repeated_reply_opens_no_second_request_while_the_first_is_open(hs):
    for phone in ("+84912000002", "+84987654321"):  # a resident's number, an unknown one
        for _ in range(2):  # a provider's retry, or GIUP sent twice
            help_requested.send(
                sender=None, ward_id=hs.a.pk, phone=phone, resident_id=None, text="GIUP"
            )
    assert ServiceRequest.objects.count() == 2
    ServiceRequest.objects.update(status="closed")
    help_requested.send(
        sender=None, ward_id=hs.a.pk, phone="+84912000002", resident_id=None, text="GIUP"
    )
    assert ServiceRequest.objects.count() == 3  # served and closed: a new ask is a new request
