"""Generated input against the services and the public form: a Vietnamese refusal or a saved
request, never a 5xx, and nothing half-written on refusal."""

import datetime

from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homeservice.lifecycle import Status, StepRefused
from homeservice.models import RequestStep, ServiceRequest
from homeservice.services import request_advance
from tests.homeservice.conftest import new_request
from tests.hostile import fresh_limits

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
texts = st.text(max_size=60)
moves = st.lists(
    st.tuples(
        st.sampled_from([*Status.values, "bogus"]),
        st.integers(min_value=-72, max_value=24 * 400),
        st.lists(
            st.sampled_from(["Tờ khai theo mẫu", "Giấy chứng sinh", "Sổ hộ khẩu"]), max_size=3
        ),
        texts,
        st.booleans(),
    ),
    max_size=8,
)


@SETTINGS
@given(moves=moves)
def test_any_sequence_of_steps_is_taken_or_refused_whole(hs, moves):
    request = new_request(hs)
    for to, hours, documents, text, office in moves:
        before = ServiceRequest.objects.values().get(pk=request.pk)
        steps = RequestStep.objects.filter(request=request).count()
        try:
            request, _ = request_advance(
                request=request,
                to=to,
                by=hs.officer if office else hs.member,
                appointment_at=timezone.now() + datetime.timedelta(hours=hours),
                documents_taken=documents,
                dossier_number=text,
                reason=text,
            )
        except StepRefused as refusal:
            assert refusal.reason
            after = ServiceRequest.objects.values().get(pk=request.pk)
            assert after == before
            assert RequestStep.objects.filter(request=request).count() == steps
        else:
            assert RequestStep.objects.filter(request=request).count() == steps + 1


phones = st.one_of(
    texts,
    st.sampled_from(
        ["1e5000", "8.4912e+10", "0912 345 678", "+84 912 345 678", "\x00", "9" * 5000]
    ),
)


@SETTINGS
@given(
    name=texts,
    phone=phones,
    need=st.text(max_size=400),
    area=st.one_of(st.integers(), texts),
    procedure=st.one_of(st.integers(min_value=-(2**70), max_value=2**70), texts),
    consent=st.sampled_from(["on", "", "0"]),
)
def test_the_public_form_never_answers_5xx(hs, name, phone, need, area, procedure, consent):
    fresh_limits()
    before = ServiceRequest.objects.count()
    answer = Client().post(
        "/nho-giup/",
        {
            "who": "self",
            "name": name,
            "phone": phone,
            "area": area,
            "need": need,
            "procedure": procedure,
            "consent": consent,
        },
        HTTP_HOST="anbinh.test",
    )
    assert answer.status_code in (200, 400)
    assert ServiceRequest.objects.count() == before + (1 if answer.status_code == 200 else 0)
