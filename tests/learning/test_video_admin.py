"""Staff upload a clip in the admin; the queue makes the small renditions; the player never preloads."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from learning import services, tasks
from learning.models import Video
from tests.learning.conftest import block, lesson
from wards.roles import Role

pytestmark = pytest.mark.django_db

SRT = b"1\n00:00:00,000 --> 00:00:01,500\nM\xe1\xbb\x9f CH Play\n\n2\n00:00:01,500 --> 00:00:02,000\nT\xc3\xacm VNeID\n"


def staff(user):
    client = Client()
    client.force_login(user)
    return client


def upload(client, clip_bytes, name="clip.mp4", captions=None, title="Cài VNeID"):
    data = {"title": title, "original": SimpleUploadedFile(name, clip_bytes, "video/mp4")}
    if captions is not None:
        data["captions"] = SimpleUploadedFile("phu-de.srt", captions, "application/x-subrip")
    return client.post(reverse("wagtailsnippets_learning_video:add"), data)


@pytest.fixture
def ready_video(tiny_clip, two_wards):
    video = Video(title="Cài VNeID", ward=two_wards.a)
    video.original.save("tiny.mp4", ContentFile(tiny_clip.read_bytes()), save=False)
    video.captions.save(
        "c.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nXin ch\xc3\xa0o\n"), save=False
    )
    video.save()
    tasks.video_process(video.pk)
    video.refresh_from_db()
    return video


def test_upload_is_transcoded_in_the_background_and_shown_ready(
    two_wards, tiny_clip, django_capture_on_commit_callbacks
):
    client = staff(two_wards.users[Role.COMMUNICATIONS])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(client, tiny_clip.read_bytes(), captions=SRT)
    assert response.status_code == 302
    assert len(callbacks) == 1  # the task was queued after the upload was saved
    video = Video.objects.get()
    assert video.status == Video.Status.READY
    assert video.ward == two_wards.a
    assert (video.width, video.height) == (640, 360)
    assert video.standard and video.save_data and video.poster and video.original
    assert video.standard_bytes > video.save_data_bytes > 0
    assert video.captions.read().decode().startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500")

    listing = client.get(reverse("wagtailsnippets_learning_video:list")).content.decode()
    assert "Sẵn sàng" in listing
    edit = client.get(
        reverse("wagtailsnippets_learning_video:edit", args=[video.pk])
    ).content.decode()
    assert "Trạng thái: Sẵn sàng" in edit


def test_a_text_file_named_mp4_gets_a_clear_message_not_a_crash(two_wards):
    client = staff(two_wards.users[Role.COMMUNICATIONS])
    response = upload(client, b"this is not a video at all", name="bai-hoc.mp4")
    assert response.status_code == 200
    assert "Tệp tải lên không phải là video hoặc đã bị hỏng." in response.content.decode()
    assert 'value="Cài VNeID"' in response.content.decode()  # the title typed is kept
    assert not Video.objects.exists()


def test_bad_captions_are_refused_in_vietnamese(two_wards, tiny_clip):
    client = staff(two_wards.users[Role.COMMUNICATIONS])
    response = upload(client, tiny_clip.read_bytes(), captions=b"\xff\xfe bad")
    assert "UTF-8" in response.content.decode()
    assert not Video.objects.exists()


def test_a_file_that_breaks_during_transcoding_is_marked_failed_with_the_reason(
    two_wards, tiny_clip
):
    video = Video(title="Hỏng", ward=two_wards.a)
    # The header survives (so the upload form let it through) but the media data is cut.
    video.original.save("cut.mp4", ContentFile(tiny_clip.read_bytes()[:3000]), save=False)
    video.save()
    tasks.video_process(video.pk)
    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert video.failure_reason == "Tệp tải lên không phải là video hoặc đã bị hỏng."
    assert video.original  # the original is kept
    client = staff(two_wards.users[Role.COMMUNICATIONS])
    listing = client.get(reverse("wagtailsnippets_learning_video:list")).content.decode()
    assert "Lỗi: Tệp tải lên không phải là video" in listing


def test_failed_video_can_be_processed_again(
    two_wards, tiny_clip, django_capture_on_commit_callbacks
):
    video = Video(title="Thử lại", ward=two_wards.a, status=Video.Status.FAILED, failure_reason="x")
    video.original.save("tiny.mp4", ContentFile(tiny_clip.read_bytes()), save=False)
    video.save()
    client = staff(two_wards.users[Role.WARD_ADMIN])
    url = reverse("learning_video_retry", args=[video.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    video.refresh_from_db()
    assert video.status == Video.Status.READY and video.failure_reason == ""


def test_status_transitions_refuse_illegal_moves(ready_video):
    with pytest.raises(ValueError):
        services.video_set_status(video=ready_video, to=Video.Status.PROCESSING)


def test_staff_of_another_ward_cannot_see_or_edit_the_video(ready_video, two_wards):
    outsider = staff(two_wards.users["outsider"])
    listing = outsider.get(reverse("wagtailsnippets_learning_video:list")).content.decode()
    assert "Cài VNeID" not in listing
    edit = outsider.get(reverse("wagtailsnippets_learning_video:edit", args=[ready_video.pk]))
    assert edit.status_code in (403, 404)
    chooser = outsider.get(reverse("wagtailsnippetchoosers_learning_video:choose")).json()
    assert "Cài VNeID" not in chooser["html"]


def test_province_library_videos_are_chosen_by_every_ward_but_edited_by_the_province(
    tiny_clip, two_wards
):
    video = Video.objects.create(title="Thư viện", original="x.mp4")
    ward_staff = staff(two_wards.users[Role.COMMUNICATIONS])
    chooser = ward_staff.get(reverse("wagtailsnippetchoosers_learning_video:choose")).json()
    assert "Thư viện" in chooser["html"]
    edit_url = reverse("wagtailsnippets_learning_video:edit", args=[video.pk])
    assert ward_staff.get(edit_url).status_code in (403, 404)
    assert staff(two_wards.users[Role.PROVINCE_ADMIN]).get(edit_url).status_code == 200


def test_player_never_preloads_and_shows_the_poster(lessons, ready_video, citizen):
    lesson(
        lessons.topic_a,
        "Bài có video",
        slug="co-video",
        body=[block("video", {"video": ready_video.pk, "caption": ""})],
    )
    html = citizen.get("/vneid/co-video/").content.decode()
    tag = re.search(r"<video[^>]*>", html).group(0)
    assert 'preload="none"' in tag
    assert f'poster="{ready_video.poster.url}"' in tag
    assert f'<track kind="captions" src="/hoc/phu-de/{ready_video.pk}.vtt" srclang="vi"' in html
    assert "Tải video về máy để xem khi không có mạng" in html


def test_lesson_says_the_video_is_coming_while_it_is_processed(lessons, citizen, two_wards):
    pending = Video.objects.create(title="Đang làm", original="x.mp4", ward=two_wards.a)
    lesson(
        lessons.topic_a,
        "Chờ video",
        slug="cho-video",
        body=[block("video", {"video": pending.pk, "caption": ""})],
    )
    html = citizen.get("/vneid/cho-video/").content.decode()
    assert "<video" not in html
    assert "đang được chuẩn bị" in html


def test_renditions_are_served_with_ranges_and_save_data_gets_the_small_one(ready_video, citizen):
    full = citizen.get(f"/hoc/video/{ready_video.pk}/")
    assert full.status_code == 200
    assert int(full["Content-Length"]) == ready_video.standard_bytes
    assert "Save-Data" in full["Vary"]

    small = citizen.get(f"/hoc/video/{ready_video.pk}/", HTTP_SAVE_DATA="on")
    assert int(small["Content-Length"]) == ready_video.save_data_bytes

    part = citizen.get(f"/hoc/video/{ready_video.pk}/", HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{ready_video.standard_bytes}"
    assert len(b"".join(part.streaming_content)) == 100

    tail = citizen.get(f"/hoc/video/{ready_video.pk}/", HTTP_RANGE="bytes=-10")
    assert len(b"".join(tail.streaming_content)) == 10
    past_end = citizen.get(f"/hoc/video/{ready_video.pk}/", HTTP_RANGE=f"bytes={10**9}-")
    assert past_end.status_code == 416


def test_captions_are_served_as_webvtt(ready_video, citizen):
    response = citizen.get(f"/hoc/phu-de/{ready_video.pk}.vtt")
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")


def test_unfinished_video_is_not_served(two_wards, citizen):
    pending = Video.objects.create(title="Đang làm", original="x.mp4")
    assert citizen.get(f"/hoc/video/{pending.pk}/").status_code == 404
