"""Zalo / Facebook group posts: one share text per group, each with its own tracked link."""

from urllib.parse import urlsplit

import pytest

from campaigns.models import CodeVisit, Outreach
from tests.campaigns.test_offline_leaflets import ADMIN, PHONE
from wards.models import Milestone

pytestmark = pytest.mark.django_db
TEXT = "Bà con Khu phố mình ơi, phường hướng dẫn kích hoạt VNeID mức 2 tại đây:"


def post_data(world, **overrides):
    data = {
        "ward": world.a.pk,
        "name": "Bài đăng nhóm Zalo tháng 12",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "text": TEXT,
        "target_page": "",
        "groups": "Zalo Khu phố 1\nFacebook Khu phố 2\n\nZalo Khu phố 1\n",
    }
    data.update(overrides)
    return data


def test_each_group_gets_a_share_text_with_its_own_link_and_copy_button(client, world):
    client.force_login(world.comms)
    response = client.post(ADMIN + "moi/?kind=group_post", post_data(world))
    assert response.status_code == 302
    outreach = Outreach.objects.get()
    codes = {code.label: code for code in outreach.codes.all()}
    assert set(codes) == {"Zalo Khu phố 1", "Facebook Khu phố 2"}  # a repeated line is one group

    page = client.get(f"{ADMIN}{outreach.pk}/").content.decode()
    for code in codes.values():
        assert f'<textarea id="share-{code.pk}"' in page
        assert f"{TEXT}\nhttp://anbinh.test/t/{code.code}</textarea>" in page
        assert f'data-copy-target="share-{code.pk}"' in page

    path = urlsplit(f"http://anbinh.test/t/{codes['Facebook Khu phố 2'].code}").path
    assert client.get(path, HTTP_HOST="anbinh.test", HTTP_USER_AGENT=PHONE).status_code == 302
    # Zalo's own link-preview fetcher names no phone: not a person.
    client.get(path, HTTP_HOST="anbinh.test", HTTP_USER_AGENT="Zalo")
    counted = CodeVisit.objects.people()
    assert counted.filter(code=codes["Facebook Khu phố 2"]).count() == 1
    assert not counted.filter(code=codes["Zalo Khu phố 1"]).exists()


def test_a_post_without_groups_is_refused_in_vietnamese(client, world):
    client.force_login(world.comms)
    response = client.post(ADMIN + "moi/?kind=group_post", post_data(world, groups="\n  \n"))
    assert response.status_code == 400
    assert "Nhập ít nhất một nhóm." in response.content.decode()
    assert client.get(ADMIN + "moi/?kind=sms").status_code == 404
