"""Property tests over the public learning forms and APIs: any value answers a 4xx in Vietnamese
or is saved, never a 5xx; a refused form writes nothing and keeps what was typed."""

import json

from hypothesis import given
from hypothesis import strategies as st

from learning.models import LessonProgress, SelfReport
from tests.hostile import PROPERTY, clean, fresh_limits, sent, texts

numbers = st.one_of(
    st.integers(), st.integers(min_value=2**62, max_value=2**90), st.floats(), st.booleans()
)


@PROPERTY
@given(area=texts, milestone=texts, phone=texts, consent=texts, lesson=texts)
def test_self_report_refuses_clearly_and_writes_nothing(
    lessons, citizen, settings, area, milestone, phone, consent, lesson
):
    settings.LEARNING_SELF_REPORT_RATE_LIMIT = (10**6, 600)
    before = SelfReport.objects.count()
    data = {
        "area": clean(area),
        "milestone": clean(milestone),
        "phone": clean(phone),
        "consent": clean(consent),
        "lesson": clean(lesson),
    }
    response = sent(citizen.post("/hoc/toi-da-lam-duoc/", data))
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        body = response.content.decode()
        assert "errorlist" in body
        assert SelfReport.objects.count() == before
        typed = clean(phone).strip()
        if typed and len(typed) < 40 and typed.isalnum() and typed.isascii():
            assert typed in body  # what the citizen typed is still in the form


@PROPERTY
@given(name=texts, topic=texts)
def test_certificate_answers_any_name_and_topic(lessons, citizen, name, topic):
    url = f"/hoc/chung-nhan/{lessons.topic_a.pk}/"
    assert sent(citizen.post(url, {"name": clean(name)})).status_code in (200, 400)
    assert sent(citizen.get(f"/hoc/chung-nhan/{clean(topic)[:50]}/")).status_code in (404, 200)


@PROPERTY
@given(
    events=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "lesson": st.one_of(numbers, texts),
                "kind": st.one_of(st.sampled_from(["start", "complete", "quiz"]), texts),
                "at": texts,
                "answers": st.one_of(st.lists(numbers, max_size=60), texts),
            },
        ),
        max_size=5,
    )
)
def test_progress_saves_good_events_and_rejects_bad_ones(lessons, citizen, settings, events):
    settings.LEARNING_PROGRESS_RATE_LIMIT = (10**6, 60)
    before = LessonProgress.objects.count()
    response = sent(
        citizen.post(
            "/hoc/tien-do/", json.dumps({"events": events}), content_type="application/json"
        )
    )
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert "không hợp lệ" in response.json()["error"]
        assert LessonProgress.objects.count() == before


@PROPERTY
@given(q=texts, bai=texts)
def test_search_and_query_strings_answer_any_value(lessons, citizen, q, bai):
    fresh_limits()
    assert sent(citizen.get("/hoc/tim-kiem/", {"q": clean(q)})).status_code == 301
    assert sent(citizen.get("/tim-kiem/", {"q": clean(q)})).status_code in (200, 400)
    assert sent(citizen.get("/hoc/toi-da-lam-duoc/", {"bai": clean(bai)})).status_code == 200
    quiz = sent(citizen.get(f"/hoc/bai/{lessons.vneid.pk}/kiem-tra/", {"q0": clean(q)}))
    assert quiz.status_code == 200
