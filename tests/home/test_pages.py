import pytest
from django.test import override_settings

from tests import factories


@pytest.fixture
def ward(db):
    ward = factories.ward(name="Phường Hòa Khánh", hostname="hoakhanh.test")
    ward.site.root_page.specific.__class__.objects.filter(pk=ward.site.root_page_id).update(
        intro="Chào bà con"
    )
    return ward


def test_home_page_is_vietnamese_with_the_ward_name(client, ward):
    response = client.get("/", HTTP_HOST="hoakhanh.test")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Phường Hòa Khánh" in body and "Chào bà con" in body
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_each_ward_is_served_on_its_own_host(client, ward):
    other = factories.ward(name="Phường Liên Chiểu", hostname="lienchieu.test")
    assert "Phường Liên Chiểu" in client.get("/", HTTP_HOST="lienchieu.test").content.decode()
    assert other.site.hostname == "lienchieu.test"


def test_unknown_page_gets_the_vietnamese_404(client, ward):
    response = client.get("/khong-co-trang-nay/", HTTP_HOST="hoakhanh.test")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_language_switch_to_english(client, ward):
    response = client.get("/ngon-ngu/en/", {"next": "/"}, HTTP_HOST="hoakhanh.test")
    assert response.status_code == 302 and response.url == "/"
    body = client.get("/", HTTP_HOST="hoakhanh.test").content.decode()
    assert '<html lang="en">' in body


@override_settings(DEMO_ALLOWED=False)
def test_demo_loader_refuses_to_run_in_production(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("load_demo")


def test_production_settings_refuse_to_start_without_secrets(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    sys.modules.pop("config.settings.production", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("config.settings.production")


def test_language_switch_refuses_to_redirect_off_site(client, ward):
    response = client.get(
        "/ngon-ngu/en/", {"next": "https://evil.example/"}, HTTP_HOST="hoakhanh.test"
    )
    assert response.url == "/"


def test_cookieless_visitors_share_a_cached_page_until_a_publish(client, ward, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    from django.test import Client

    page = ward.site.root_page.specific
    first = Client().get("/", HTTP_HOST="hoakhanh.test")
    assert not first.cookies  # public pages set no cookie, so they can be shared
    page.intro = "Lời chào mới"
    page.save_revision().publish()
    assert "Lời chào mới" in Client().get("/", HTTP_HOST="hoakhanh.test").content.decode()


def test_a_visitor_with_a_cookie_is_never_served_from_the_shared_cache(client, ward, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    from django.test import Client

    Client().get("/", HTTP_HOST="hoakhanh.test")
    type(ward.site.root_page.specific).objects.filter(pk=ward.site.root_page_id).update(
        intro="Đổi thẳng trong cơ sở dữ liệu"
    )
    anonymous = Client().get("/", HTTP_HOST="hoakhanh.test").content.decode()
    assert "Đổi thẳng" not in anonymous  # cached copy, within its minute
    returning = Client(HTTP_COOKIE="django_language=vi")
    assert "Đổi thẳng" in returning.get("/", HTTP_HOST="hoakhanh.test").content.decode()


def test_the_error_page_renders_even_when_static_files_were_never_collected(rf, tmp_path):
    from home.views import server_error

    manifest_storage = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=manifest_storage, STATIC_ROOT=tmp_path, DEBUG=False):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "hệ thống đang gặp sự cố" in response.content.decode()
