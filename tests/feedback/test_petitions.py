"""The public petition form: CSRF, rate limit, photos re-encoded without EXIF, text kept on refusal."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from feedback.models import Petition
from wards.models import ChangeMark

HOST = "anbinh.test"


@pytest.fixture
def client():
    return Client(HTTP_HOST=HOST)


def jpeg_with_gps(size=(800, 600)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (10.0, 46.0, 30.0), 4: (106.0, 41.0, 0.0)}  # GPS latitude / longitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def form(chosen, **fields):
    data = {"kind": "report", "category": chosen.pk, "text": "Rác để ở đầu hẻm 128 ba ngày."}
    data.update(fields)
    return data


def test_a_petition_is_received_with_its_deadline(client, category, two_wards):
    response = client.post("/gop-y/", form(category, area=two_wards.a1.pk, phone="0912 345 678"))
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.ward == category.ward and petition.area == two_wards.a1
    assert petition.phone == "+84912345678" and petition.status == Petition.Status.NEW
    assert (petition.due_at - petition.created_at).days == 5
    assert ChangeMark.objects.filter(part=ChangeMark.Part.FEEDBACK).exists()
    sent = client.get(response["Location"])
    assert f"#{petition.pk}" in sent.content.decode()


def test_the_form_needs_its_csrf_token(category):
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    assert strict.post("/gop-y/", form(category)).status_code == 403
    assert not Petition.objects.exists()


def test_a_photo_is_re_encoded_without_exif(client, category):
    upload = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert client.post("/gop-y/", form(category, photo=upload)).status_code == 302
    petition = Petition.objects.get()
    with petition.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert b"PhoneMaker" not in petition.photo.read()


def test_a_20_mb_photo_is_refused_and_the_text_kept(client, category):
    upload = SimpleUploadedFile(
        "to.jpg", b"\xff\xd8" + b"0" * (20 * 1024 * 1024), content_type="image/jpeg"
    )
    response = client.post("/gop-y/", form(category, text="Đèn đường hỏng ở hẻm 5", photo=upload))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ảnh nặng quá 8 MB" in html and "Đèn đường hỏng ở hẻm 5" in html
    assert not Petition.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(client, category):
    upload = SimpleUploadedFile("x.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = client.post("/gop-y/", form(category, photo=upload))
    assert response.status_code == 400 and "Không đọc được tệp này" in response.content.decode()


def test_a_bad_phone_keeps_everything_typed(client, category):
    response = client.post("/gop-y/", form(category, text="Nước ngập đường số 3", phone="1e5000"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "chỉ gồm chữ số" in html and "Nước ngập đường số 3" in html and 'value="1e5000"' in html


def test_another_wards_category_is_refused(client, two_wards, category):
    from feedback.models import Category

    other = Category.objects.create(ward=two_wards.b, name="Khác")
    response = client.post("/gop-y/", form(category, category=other.pk))
    assert response.status_code == 400 and not Petition.objects.exists()


def test_too_many_petitions_from_one_client_get_a_429(client, category):
    statuses = [client.post("/gop-y/", form(category)).status_code for _ in range(7)]
    assert statuses[:5] == [302] * 5 and statuses[-1] == 429
    assert Petition.objects.count() == 5
