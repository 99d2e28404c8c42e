"""Property tests: sign-in, the importer, the opt-out page and crafted query strings never answer
5xx; a refusal is a Vietnamese message and writes nothing."""

import csv
import io
from urllib.parse import quote

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import OptOut
from tests.hostile import PROPERTY, clean, sent, texts
from wards.models import Household
from wards.roles import Role


@PROPERTY
@given(username=texts, password=texts)
def test_sign_in_never_fails_and_never_signs_in_a_stranger(
    client, two_wards, settings, username, password
):
    settings.LOGIN_THROTTLE_ATTEMPTS = 10**6
    response = sent(
        client.post("/dang-nhap/", {"username": clean(username), "password": clean(password)})
    )
    assert response.status_code in (400, 429), response.status_code
    assert "_auth_user_id" not in client.session
    assert "errorlist" in response.content.decode()


def as_csv(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["khu_pho", "dia_chi", "chu_ho", "dien_thoai", "so_nhan_khau", "ma_ho"])
    writer.writerows(rows)
    return buffer.getvalue()


cells = st.one_of(texts, st.sampled_from(["a1", "a2", "b1", "Khu phố 1", "0912345678", "3"]))


@PROPERTY
@given(rows=st.lists(st.lists(cells, min_size=6, max_size=6), min_size=1, max_size=5))
def test_the_importer_refuses_clearly_and_writes_exactly_what_it_reports(client, two_wards, rows):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    before = Household.objects.count()
    file = io.BytesIO(as_csv(rows).encode())
    file.name = "ho.csv"
    response = sent(
        client.post(reverse("wards_import", args=["ho-gia-dinh"]), {"file": file}, follow=True)
    )
    assert response.status_code in (200, 400), response.status_code
    assert Household.objects.count() == before  # a preview never writes
    if response.status_code == 400:
        context = response.context
        assert context.get("error") or context.get("problems")
        return
    job = response.context["job"]
    url = reverse("wards_import_confirm", args=["ho-gia-dinh", job.pk])
    confirmed = sent(client.post(url, follow=True))
    assert confirmed.status_code in (200, 400)
    job.refresh_from_db()
    written = job.summary.get("written", {}).get("new", 0)
    assert Household.objects.count() == before + written  # exactly what the result page says
    if job.status == job.Status.DONE:
        assert written == response.context["totals"]["new"]


@PROPERTY
@given(content=st.binary(max_size=3000))
def test_the_importer_survives_any_bytes(client, two_wards, content):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    file = io.BytesIO(content)
    file.name = "ho.csv"
    response = sent(
        client.post(reverse("wards_import", args=["ho-gia-dinh"]), {"file": file}, follow=True)
    )
    assert response.status_code in (200, 400)


@PROPERTY
@given(code=texts, action=texts)
def test_the_opt_out_page_answers_any_code_without_a_crash(client, two_wards, code, action):
    url = f"/tu-choi/{quote(clean(code)[:300], safe='')}/"
    before = OptOut.objects.count()
    assert sent(client.get(url)).status_code < 500
    response = sent(client.post(url, {"action": clean(action)}))
    assert response.status_code < 500
    assert OptOut.objects.count() == before


@PROPERTY
@given(start=texts, end=texts, chosen=texts, sort=texts)
def test_the_dashboard_filters_answer_any_query_string(client, two_wards, start, end, chosen, sort):
    client.force_login(two_wards.users[Role.LEADER])
    query = {"tu": clean(start), "den": clean(end), "chon": clean(chosen), "sap_xep": clean(sort)}
    response = sent(client.get("/thong-ke/", query))
    assert response.status_code in (200, 400), response.status_code


@PROPERTY
@given(start=texts, end=texts, procedure=texts, placement=texts)
def test_the_scan_report_answers_any_query_string(
    client, two_wards, start, end, procedure, placement
):
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    query = {
        "tu": clean(start),
        "den": clean(end),
        "thu_tuc": clean(procedure),
        "noi_dan": clean(placement),
    }
    for name in ("qr_scan_report", "qr_scan_report_csv"):
        response = sent(client.get(reverse(name), query))
        assert response.status_code in (200, 400), (name, response.status_code)


@PROPERTY
@given(code=texts)
def test_short_links_and_language_codes_answer_any_value(client, two_wards, code):
    value = quote(clean(code)[:300], safe="")
    assert sent(client.get(f"/q/{value}", HTTP_HOST="anbinh.test")).status_code < 500
    assert sent(client.get(f"/ngon-ngu/{value}/", HTTP_HOST="anbinh.test")).status_code < 500
    assert sent(client.get(f"/l/{value}", HTTP_HOST="anbinh.test")).status_code < 500
