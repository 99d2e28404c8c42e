"""The service worker and the offline page."""

import pytest

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_at_the_root_uncached_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"


def test_service_worker_keeps_out_of_staff_areas_and_the_team_app(client):
    body = client.get("/sw.js").content.decode()
    for prefix in ("/admin/", "/doi/", "/api/", "/thong-ke/", "/hoc/tien-do/"):
        assert f'"{prefix}"' in body.split("const NEVER")[1].split(";")[0]


def test_pages_of_a_signed_in_session_are_not_kept(client):
    body = client.get("/sw.js").content.decode()
    assert '/cookie/i.test(response.headers.get("Vary")' in body


def test_service_worker_precaches_the_shell_and_changes_when_it_does(client, settings):
    body = client.get("/sw.js").content.decode()
    assert '"/hoc/ngoai-tuyen/"' in body and '"/static/css/site.css"' in body
    version = body.split('const VERSION = "')[1].split('"')[0]
    assert len(version) == 12
    settings.STATIC_URL = "/static-v2/"
    changed = client.get("/sw.js").content.decode()
    assert changed.split('const VERSION = "')[1].split('"')[0] != version


def test_videos_are_only_cached_when_the_learner_asks(client):
    body = client.get("/sw.js").content.decode()
    fetch_handler = body.split('addEventListener("fetch"')[1].split("async function")[0]
    assert "/hoc/video/" in fetch_handler and "fromVideoCache" in fetch_handler
    assert "cache.put" not in body.split("async function fromVideoCache")[1]


def test_offline_page_lists_saved_lessons_from_the_phone(lessons, citizen):
    response = citizen.get("/hoc/ngoai-tuyen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài đã lưu" in html
    assert 'data-offline-list="saved"' in html
    assert "learning/learning.js" in html
