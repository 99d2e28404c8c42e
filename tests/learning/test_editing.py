"""Who edits what: the province edits its library, each ward its own topics and lessons."""

import pytest
from django.test import Client
from django.urls import reverse

from learning.models import LessonPage
from wards.roles import Role

pytestmark = pytest.mark.django_db


def test_province_admin_edits_the_library_and_wards_do_not(lessons):
    province = lessons.wards.users[Role.PROVINCE_ADMIN]
    editor = lessons.wards.users[Role.COMMUNICATIONS]
    assert lessons.library_vneid.permissions_for_user(province).can_add_subpage()
    assert lessons.vneid.permissions_for_user(province).can_publish()
    assert not lessons.library_vneid.permissions_for_user(editor).can_add_subpage()
    assert not lessons.vneid.permissions_for_user(editor).can_edit()


def test_ward_editor_adds_lessons_to_their_own_topics_only(lessons):
    editor = lessons.wards.users[Role.COMMUNICATIONS]
    assert lessons.topic_a.permissions_for_user(editor).can_add_subpage()
    assert not lessons.topic_b.permissions_for_user(editor).can_add_subpage()


def test_ward_editor_links_a_library_topic_from_a_short_list(lessons):
    client = Client()
    client.force_login(lessons.wards.users[Role.COMMUNICATIONS])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lessons.topic_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{lessons.library_vneid.pk}" selected>VNeID</option>' in html
    assert f'<option value="{lessons.own_topic.pk}"' not in html  # a ward topic is no library


def test_ward_editor_creates_a_lesson_in_the_admin(lessons):
    client = Client()
    client.force_login(lessons.wards.users[Role.COMMUNICATIONS])
    url = reverse("wagtailadmin_pages:add", args=["learning", "lessonpage", lessons.topic_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Đăng ký tạm trú trực tuyến",
            "slug": "tam-tru",
            "summary": "Khai báo tạm trú trên Cổng Dịch vụ công.",
            "difficulty": "vua",
            "audience": "Người thuê nhà",
            "milestone": "online_submission",
            "body-count": "1",
            "body-0-type": "text",
            "body-0-value": '{"blocks":[{"key":"a","text":"Mở Cổng Dịch vụ công.","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "b1",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = LessonPage.objects.get(slug="tam-tru")
    assert page.live
    assert " mo cong dich vu cong " in page.search_text
    assert Client(HTTP_HOST="anbinh.test").get("/vneid/tam-tru/").status_code == 200
