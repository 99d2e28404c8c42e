"""Editors' report: learners who started, finished, and their average best score, per lesson."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from wards.roles import Role

pytestmark = pytest.mark.django_db


def learner_does(host, *events):
    phone = Client(HTTP_HOST=host)
    phone.post(
        "/hoc/tien-do/", json.dumps({"events": list(events)}), content_type="application/json"
    )


@pytest.fixture
def activity(lessons):
    vneid = lessons.vneid.pk
    learner_does("anbinh.test", {"lesson": vneid, "kind": "quiz", "answers": [0, 0, 0]})
    learner_does("anbinh.test", {"lesson": vneid, "kind": "quiz", "answers": [0, 1, 1]})
    learner_does("anbinh.test", {"lesson": vneid, "kind": "start"})
    learner_does("benghe.test", {"lesson": vneid, "kind": "quiz", "answers": [1, 1, 1]})
    return lessons


def rows(user):
    client = Client()
    client.force_login(user)
    response = client.get(reverse("learning_progress_report"))
    assert response.status_code == 200
    return {row.title: row for row in response.context["object_list"]}


def test_ward_editor_sees_started_completed_and_average_score_of_their_learners(activity):
    row = rows(activity.wards.users[Role.COMMUNICATIONS])["Cài ứng dụng VNeID"]
    assert (row.started, row.completed) == (3, 2)
    assert row.average_percent == pytest.approx(
        66.5
    )  # (100 % + 33 %) / 2; ward B's learner is not counted
    assert "Lịch hỗ trợ VNeID tại phường" in rows(activity.wards.users[Role.COMMUNICATIONS])


def test_other_wards_editor_sees_only_their_own_learners_and_lessons(activity):
    report = rows(activity.wards.users["outsider"])
    assert (report["Cài ứng dụng VNeID"].started, report["Cài ứng dụng VNeID"].completed) == (1, 1)
    assert "Lịch hỗ trợ VNeID tại phường" not in report


def test_province_admin_sees_every_ward(activity):
    row = rows(activity.wards.users[Role.PROVINCE_ADMIN])["Cài ứng dụng VNeID"]
    assert (row.started, row.completed) == (4, 3)


def test_report_renders_and_exports(activity):
    client = Client()
    client.force_login(activity.wards.users[Role.WARD_ADMIN])
    html = client.get(reverse("learning_progress_report")).content.decode()
    assert "Tiến độ học theo bài" in html and "67 %" in html
    export = client.get(reverse("learning_progress_report") + "?export=csv")
    assert export.status_code == 200
    assert "Cài ứng dụng VNeID" in b"".join(export.streaming_content).decode()


def test_team_members_have_no_report(activity):
    client = Client()
    client.force_login(activity.wards.users[Role.TEAM_MEMBER])
    assert client.get(reverse("learning_progress_report")).status_code in (302, 403)
