"""Posters and messages print the ward's own address (its Site's host name and port), and the
admin says so before anything is printed."""

from django.urls import reverse

from campaigns import templating
from qr import services, shortlinks
from wards.public_url import is_local_host, site_base_url, ward_base_url


def test_the_printed_address_comes_from_the_wards_site(catalogue, settings):
    settings.PUBLIC_BASE_URL = "http://localhost:8000"
    site = catalogue.a.site
    site.hostname, site.port = "hoaan.gov.vn", 80
    site.save()
    assert shortlinks.short_url(catalogue.a, "abcde") == "http://hoaan.gov.vn/q/abcde"
    site.port = 8080
    site.save()  # an edited Site prints its new address at once (no stale cache)
    assert shortlinks.short_url(catalogue.a, "abcde") == "http://hoaan.gov.vn:8080/q/abcde"


def test_https_is_taken_from_the_public_address_of_the_same_host(catalogue, settings):
    settings.PUBLIC_BASE_URL = "https://anbinh.test"
    assert site_base_url(catalogue.a.site) == "https://anbinh.test"
    site = catalogue.b.site
    assert site_base_url(site) == f"http://{site.hostname}"


def test_local_addresses_are_recognised():
    for host in ("localhost", "127.0.0.1", "192.168.1.20", "hoaan.localhost", "may-chu", "::1"):
        assert is_local_host(host), host
    for host in ("hoaan.gov.vn", "phuongso.vn", "8.8.8.8"):
        assert not is_local_host(host), host


def test_poster_pages_show_the_exact_printed_address_and_warn_when_it_is_local(
    staff_client, catalogue
):
    site = catalogue.a.site
    site.hostname, site.port = "localhost", 8123
    site.save()
    link = services.short_link_get_or_create(procedure=catalogue.birth, placement=catalogue.counter)
    body = staff_client.get(reverse("qr_procedure_posters", args=[catalogue.birth.pk])).content
    body = body.decode()
    assert f"http://localhost:8123/q/{link.code}" in body
    assert "địa chỉ nội bộ" in body
    body = staff_client.get(reverse("qr_batch_new")).content.decode()
    assert "http://localhost:8123" in body and "địa chỉ nội bộ" in body

    site.hostname, site.port = "hoaan.gov.vn", 80
    site.save()
    body = staff_client.get(reverse("qr_procedure_posters", args=[catalogue.birth.pk])).content
    assert "địa chỉ nội bộ" not in body.decode()
    assert f"http://hoaan.gov.vn/q/{link.code}" in body.decode()


def test_sms_links_use_the_wards_address(catalogue, settings):
    settings.CAMPAIGN_LINK_BASE_URL = ""
    settings.PUBLIC_BASE_URL = "http://localhost:8000"
    site = catalogue.a.site
    site.hostname, site.port = "hoaan.gov.vn", 443
    site.save()
    context = templating.MessageContext(
        "Nguyễn Thị Hoa", "Khu phố 1", "Phường An Bình", "abc2345", ward_base_url(catalogue.a)
    )
    assert context.values["lien_ket"] == "https://hoaan.gov.vn/l/abc2345"
