"""The ward's home page in English, and addresses that answer alike in both languages."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Locale

from home.models import StandardPage
from tests import factories
from tests.hostile import PROPERTY


@pytest.fixture
def ward(db):
    ward = factories.ward(name="Phường Hòa Khánh", hostname="hoakhanh.test")
    home = ward.site.root_page.specific
    home.intro = "Chào bà con"
    home.save_revision().publish()
    contacts = StandardPage(
        title="Liên hệ", slug="lien-he", body="<p>Gọi phường.</p>", show_in_menus=True
    )
    home.add_child(instance=contacts)
    contacts.save_revision().publish()
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.intro = "Hoa Khanh Ward", "Welcome, neighbours"
    english.save_revision().publish()
    return ward


def reader(language):
    client = Client(HTTP_HOST="hoakhanh.test")
    client.cookies["django_language"] = language
    return client


def test_the_home_page_is_english_for_an_english_reader_and_lists_every_section(ward):
    body = reader("en").get("/").content.decode()
    assert "Welcome, neighbours" in body and "Chào bà con" not in body
    assert 'href="/lien-he/"' in body  # the untranslated section is still listed, at its address
    assert "Chào bà con" in reader("vi").get("/").content.decode()


def test_an_untranslated_page_under_an_english_home_opens_in_vietnamese(ward):
    response = reader("en").get("/lien-he/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gọi phường." in body and "This page has no English version yet" in body


slugs = st.lists(st.sampled_from(["lien-he", "khong-co", "vneid", "a", "_util", "-"]), max_size=3)


@PROPERTY
@given(parts=slugs)
def test_every_address_answers_the_same_in_both_languages(ward, parts):
    path = "/" + "".join(f"{part}/" for part in parts)
    vietnamese, english = reader("vi").get(path), reader("en").get(path)
    assert english.status_code == vietnamese.status_code < 500
