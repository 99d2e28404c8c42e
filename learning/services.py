"""Writes of learning data: progress, "Tôi đã làm được" reports, and the province library."""

import contextlib
import datetime
import logging
import shutil
import tempfile
import uuid
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_q.tasks import async_task
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from learning.models import LessonLibraryPage, LessonProgress, SelfReport, Video
from learning.video import VideoError, transcode_all
from wards import changes
from wards.models import AuditEntry, EventSource, Household
from wards.roles import GROUP_NAMES, Role
from wards.served import Served, announce
from wards.services import (
    adoption_event_record,
    audit_record,
    household_create,
    resident_create,
)
from wards.text import fold

# Progress sent late (queued offline) keeps the time it happened, within reason.
OLDEST_QUEUED_EVENT = datetime.timedelta(days=60)
SELF_REPORT_NAME = "Người dân tự báo"
CONTENT_VERSION_KEY = "learning:content-version"

logger = logging.getLogger(__name__)


def event_time(at: datetime.datetime | None) -> datetime.datetime:
    now = timezone.now()
    if at is None or at > now or now - at > OLDEST_QUEUED_EVENT:
        return now
    return at


def _advance(progress: LessonProgress, to: str, at: datetime.datetime) -> None:
    """The one status transition: started → completed. A finished lesson stays finished."""
    if to == progress.status or progress.is_completed:
        return
    if to != LessonProgress.Status.COMPLETED:
        raise ValueError(f"cannot move progress from {progress.status} to {to}")
    progress.status, progress.completed_at = to, at


@transaction.atomic
def progress_record(
    *, learner, lesson, kind: str, answers: list | None = None, at=None, read=None
) -> LessonProgress:
    """Record that the learner started a lesson, finished it, or answered its quiz.

    Progress belongs to the Vietnamese lesson; `read` is the version whose quiz was answered
    (its English translation), graded on its own options.

    Safe to replay: a queue resent after a lost answer changes nothing twice (started keeps
    its first time, completed its first time, the quiz its best score).
    """
    at = event_time(at)
    progress, _ = LessonProgress.objects.get_or_create(
        learner=learner, lesson=lesson, defaults={"started_at": at}
    )
    progress.started_at = min(progress.started_at, at)
    finished_before = progress.is_completed
    if kind == "complete":
        _advance(progress, LessonProgress.Status.COMPLETED, at)
    elif kind == "quiz":
        correct, total = (read or lesson).grade(answers or [])
        if total:
            percent = round(100 * correct / total)
            if progress.best_percent is None or percent > progress.best_percent:
                progress.best_correct, progress.questions, progress.best_percent = (
                    correct,
                    total,
                    percent,
                )
        _advance(progress, LessonProgress.Status.COMPLETED, at)
    elif kind != "start":
        raise ValueError(f"unknown progress kind {kind!r}")
    progress.save()
    changes.record(ward_ids=[learner.ward_id], part=changes.Part.LEARNING)
    if progress.is_completed and not finished_before and learner.ward_id:
        announce(
            sender=LessonProgress,
            service=Served(ward_id=learner.ward_id, kind="lesson", ref=str(lesson.pk)),
        )
    return progress


def _self_report_household(area) -> Household:
    """One household per area holds the residents who reported themselves from a lesson."""
    code = f"{area.code}-TUBAO".upper()
    household = Household.objects.filter(ward=area.ward, code=code).first()
    return household or household_create(
        area=area,
        code=code,
        address="Người dân tự báo qua trang học",
        head_name=SELF_REPORT_NAME,
        size=0,
    )


@transaction.atomic
def self_report_record(
    *, ward, area, milestone: str, learner, lesson=None, phone: str = "", consent: bool = False
) -> tuple[SelfReport, bool]:
    """A learner says "I did it": an unverified AdoptionEvent in their area.

    Returns (report, created); a learner reporting the same milestone again gets the first
    report back. The learner's reports in one area share one placeholder resident, so one
    person counts once however many milestones they report.
    """
    if area.ward_id != ward.pk:
        raise ValueError("the area belongs to another ward")
    existing = SelfReport.objects.filter(learner=learner, milestone=milestone).first()
    if existing:
        return existing, False
    earlier = (
        SelfReport.objects.filter(learner=learner, area=area).select_related("resident").first()
    )
    if earlier:
        resident = earlier.resident
        if phone and not resident.phone:
            resident.phone, resident.consent_to_messages = phone, consent
            resident.save(update_fields=["phone", "consent_to_messages", "updated_at"])
    else:
        resident = resident_create(
            household=_self_report_household(area),
            full_name=SELF_REPORT_NAME,
            phone=phone,
            consent_to_messages=consent and bool(phone),
        )
    event = adoption_event_record(
        resident=resident,
        milestone=milestone,
        source=EventSource.SELF_REPORT,
        verified=False,
        source_ref=f"lesson:{lesson.pk}" if lesson else "lesson",
    )
    report = SelfReport.objects.create(
        learner=learner,
        ward=ward,
        area=area,
        milestone=milestone,
        lesson=lesson,
        resident=resident,
        event=event,
    )
    return report, True


@transaction.atomic
def library_create(*, title: str, intro: str = "") -> LessonLibraryPage:
    """The province library under the tree root, editable by the province administrators."""
    from home.services import page_tree_root

    library = page_tree_root().add_child(
        instance=LessonLibraryPage(
            title=title, slug=slugify(fold(title)), intro=intro, show_in_menus=False
        )
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAMES[Role.PROVINCE_ADMIN])
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=library,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=Permission.objects.get(codename=codename)
        )
    return library


# --- videos ---------------------------------------------------------------------------------

# Every status a video may move to from each status; anything else is a bug.
VIDEO_TRANSITIONS = {
    Video.Status.PENDING: {Video.Status.PROCESSING, Video.Status.FAILED, Video.Status.PENDING},
    # PROCESSING → PROCESSING: a worker that died mid-way is retried by the queue.
    Video.Status.PROCESSING: {
        Video.Status.READY,
        Video.Status.FAILED,
        Video.Status.PENDING,
        Video.Status.PROCESSING,
    },
    Video.Status.READY: {Video.Status.PENDING},
    Video.Status.FAILED: {Video.Status.PENDING},
}


def video_set_status(*, video: Video, to: str, reason: str = "", **fields) -> Video:
    if to not in VIDEO_TRANSITIONS[video.status]:
        raise ValueError(f"video {video.pk}: cannot move from {video.status} to {to}")
    video.status, video.failure_reason = to, reason[:255]
    for name, value in fields.items():
        setattr(video, name, value)
    video.save(update_fields=["status", "failure_reason", "updated_at", *fields])
    content_changed()
    return video


def video_schedule(*, video: Video) -> Video:
    """Queue a (new) upload for transcoding once the upload's transaction is committed."""
    video_set_status(video=video, to=Video.Status.PENDING)
    transaction.on_commit(lambda: async_task("learning.tasks.video_process", video.pk))
    return video


@transaction.atomic
def video_save(*, video: Video, new_file: bool, by=None) -> Video:
    """Save a video edited in the admin, with its audit entry; a new file is transcoded again."""
    created = video._state.adding
    video.save()
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=video,
        ward=video.ward,
        summary=video.title,
    )
    if new_file:
        video_schedule(video=video)
    return video


@contextlib.contextmanager
def _local_file(field):
    """A path on this machine for a stored file (object storage is copied to a temp file)."""
    try:
        yield Path(field.path)
        return
    except NotImplementedError:
        pass
    suffix = Path(field.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with field.storage.open(field.name, "rb") as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        yield Path(copy.name)


def video_process(*, video_id: int) -> Video | None:
    """Transcode the upload into 360p, 240p and a poster, and record the outcome.

    A broken or non-video file ends as FAILED with a Vietnamese reason for the staff; the
    original is kept either way. If a newer file was uploaded meanwhile, the result is dropped.
    """
    video = Video.objects.filter(pk=video_id).first()
    if video is None or video.status not in (Video.Status.PENDING, Video.Status.PROCESSING):
        return video
    video_set_status(video=video, to=Video.Status.PROCESSING)
    source_name = video.original.name
    try:
        with _local_file(video.original) as source, tempfile.TemporaryDirectory() as out:
            result = transcode_all(source, Path(out))
            video.refresh_from_db()
            if video.original.name != source_name:
                return video
            stored = _store_renditions(video, result)
    except VideoError as error:
        return video_set_status(video=video, to=Video.Status.FAILED, reason=error.message)
    except Exception:
        logger.exception("video %s: transcoding failed", video_id)
        return video_set_status(
            video=video, to=Video.Status.FAILED, reason=VideoError.SERVER_FAILED
        )
    old = [name for name in (video.standard.name, video.save_data.name, video.poster.name) if name]
    video_set_status(
        video=video,
        to=Video.Status.READY,
        processed_at=timezone.now(),
        width=result.standard.width,
        height=result.standard.height,
        duration_seconds=result.standard.duration_seconds,
        standard_bytes=result.standard.size_bytes,
        save_data_bytes=result.save_data.size_bytes,
        **stored,
    )
    for name in old:
        video.standard.storage.delete(name)
    return video


def _store_renditions(video: Video, result) -> dict:
    storage = video.original.storage
    folder = f"learning/videos/{video.pk}/{uuid.uuid4().hex[:8]}"
    stored = {}
    for field, path in (
        ("standard", result.standard.path),
        ("save_data", result.save_data.path),
        ("poster", result.poster),
    ):
        with open(path, "rb") as handle:
            stored[field] = storage.save(f"{folder}/{Path(path).name}", File(handle))
    return stored


def content_changed(**kwargs) -> None:
    """Lesson pages cache their rendered body; a video turning ready must show up at once."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 1, None)


def content_version() -> int:
    return cache.get_or_set(CONTENT_VERSION_KEY, 1, None)
