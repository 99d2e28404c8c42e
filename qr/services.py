"""Writes of the qr app. Each function takes keyword arguments only."""

import datetime
import logging
import time

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qr import shortlinks
from qr.models import (
    Placement,
    PosterBatch,
    Procedure,
    ProcedureIndexPage,
    Scan,
    ScanDay,
    ShortLink,
)

logger = logging.getLogger(__name__)
RAW_SCAN_DAYS = 90


class PosterProblem(Exception):
    """A poster cannot be made; the message names the procedure and why, in Vietnamese."""


# --- the citizens' index page --------------------------------------------------------------


@transaction.atomic
def procedure_index_ensure(*, ward) -> ProcedureIndexPage:
    """The ward's live procedure index, created under its home page on first need."""
    root = ward.site.root_page
    index = ProcedureIndexPage.objects.descendant_of(root).first()
    if index is None:
        index = ProcedureIndexPage(title=_("Thủ tục hành chính"), slug="thu-tuc")
        root.specific.add_child(instance=index)
        index.save_revision().publish()
    return index


# --- short links ---------------------------------------------------------------------------


def short_link_get_or_create(*, procedure: Procedure, placement: Placement) -> ShortLink:
    if procedure.ward_id != placement.ward_id:
        raise ValueError("procedure and placement belong to different wards")
    link = ShortLink.objects.filter(procedure=procedure, placement=placement).first()
    if link:
        return link
    problem = shortlinks.host_problem(placement.ward)
    if problem:
        raise PosterProblem(problem)
    for _attempt in range(8):
        try:
            with transaction.atomic():
                return ShortLink.objects.create(
                    code=shortlinks.new_code(), procedure=procedure, placement=placement
                )
        except IntegrityError:
            # A code collision, or another request made this very link a moment ago.
            link = ShortLink.objects.filter(procedure=procedure, placement=placement).first()
            if link:
                return link
    raise RuntimeError("no free short code after 8 attempts")


# --- poster batches ------------------------------------------------------------------------

TRANSITIONS = {
    PosterBatch.Status.QUEUED: {PosterBatch.Status.RUNNING, PosterBatch.Status.FAILED},
    PosterBatch.Status.RUNNING: {PosterBatch.Status.DONE, PosterBatch.Status.FAILED},
    PosterBatch.Status.DONE: set(),
    PosterBatch.Status.FAILED: set(),
}


def poster_batch_move(*, batch: PosterBatch, to: str, **fields) -> PosterBatch:
    """The one place a batch changes status; refuses a move the table above does not allow."""
    if to not in TRANSITIONS[batch.status]:
        raise ValueError(f"poster batch {batch.pk}: {batch.status} → {to} is not allowed")
    batch.status = to
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=["status", "updated_at", *fields])
    return batch


def poster_batch_create(*, ward, user, paper: str, procedures, placements) -> PosterBatch:
    """Record the print job and queue it; the PDF is built by a worker (qr.tasks)."""
    from django_q.tasks import async_task

    procedures = list(procedures)
    placements = list(placements)
    if not procedures or not placements:
        raise PosterProblem(_("Chọn ít nhất một thủ tục và một nơi dán."))
    if any(p.ward_id != ward.pk for p in [*procedures, *placements]):
        raise PosterProblem(_("Thủ tục và nơi dán phải thuộc cùng một phường."))
    problem = shortlinks.host_problem(ward)
    if problem:
        raise PosterProblem(problem)
    with transaction.atomic():
        batch = PosterBatch.objects.create(
            ward=ward,
            created_by=user,
            paper=paper,
            total=len(procedures) * len(placements),
        )
        batch.procedures.set(procedures)
        batch.placements.set(placements)
    async_task("qr.tasks.build_poster_batch", batch.pk, task_name=f"qr-posters-{batch.pk}")
    return batch


def poster_spec(*, procedure: Procedure, placement: Placement):
    from qr.posters import PosterSpec

    link = short_link_get_or_create(procedure=procedure, placement=placement)
    try:
        return PosterSpec(
            ward_name=placement.ward.name,
            procedure_name=procedure.name,
            online_level_label=procedure.poster_level_label,
            short_url=shortlinks.short_url(placement.ward, link.code),
            placement_label=placement.label,
            level=placement.qr_level,
        )
    except ValueError as error:
        raise PosterProblem(_name(procedure, placement, str(error))) from error


def _name(procedure, placement, why: str) -> str:
    return _("Thủ tục %(code)s “%(name)s” (%(place)s): %(why)s") % {
        "code": procedure.code,
        "name": procedure.name,
        "place": placement.label,
        "why": why,
    }


def batch_pairs(batch: PosterBatch) -> list[tuple[Procedure, Placement]]:
    """Pages in print order: a stack per placement, procedures by field then name."""
    placements = list(batch.placements.select_related("ward__site").order_by("label"))
    procedures = list(batch.procedures.order_by("field", "name"))
    return [(procedure, placement) for placement in placements for procedure in procedures]


def poster_batch_build(*, batch: PosterBatch) -> PosterBatch:
    """Lay out every poster of the batch into one PDF, storing progress as pages are done."""
    from qr.posters import render_posters

    poster_batch_move(batch=batch, to=PosterBatch.Status.RUNNING, done=0)
    procedure_index_ensure(ward=batch.ward)
    pairs = batch_pairs(batch)
    try:
        specs = [poster_spec(procedure=p, placement=place) for p, place in pairs]
        pdf = render_posters(specs, paper=batch.paper, progress=_progress_writer(batch))
    except PosterProblem as problem:
        return poster_batch_move(batch=batch, to=PosterBatch.Status.FAILED, error=str(problem))
    except Exception as error:  # a layout failure: find the page that caused it
        logger.exception("poster batch %s failed", batch.pk)
        message = _culprit(pairs, batch.paper) or _("Lỗi khi dàn trang: %(error)s") % {
            "error": error
        }
        return poster_batch_move(batch=batch, to=PosterBatch.Status.FAILED, error=message)
    batch.file.save(
        f"ap-phich-{batch.pk}-{shortlinks.new_code()}.pdf", ContentFile(pdf), save=False
    )
    return poster_batch_move(
        batch=batch, to=PosterBatch.Status.DONE, done=batch.total, file=batch.file
    )


def _progress_writer(batch: PosterBatch):
    last = {"at": float("-inf")}

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last["at"] >= 0.5 or done == total:
            last["at"] = now
            PosterBatch.objects.filter(pk=batch.pk).update(done=done, updated_at=timezone.now())

    return write


def _culprit(pairs, paper: str) -> str | None:
    from qr.posters import render_posters

    for procedure, placement in pairs:
        try:
            render_posters([poster_spec(procedure=procedure, placement=placement)], paper=paper)
        except Exception as error:
            return _name(procedure, placement, str(error))
    return None


# --- scans ---------------------------------------------------------------------------------


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def scans_roll_up(*, today: datetime.date | None = None, keep_days: int = RAW_SCAN_DAYS) -> int:
    """Move raw scans of whole days older than `keep_days` into daily totals; returns rows moved.

    Whole local days only, one transaction per day: a visitor counted in a day's totals can
    never be counted again from raw rows of the same day, so reports read the same after.
    """
    cutoff_day = (today or timezone.localdate()) - datetime.timedelta(days=keep_days)
    oldest = Scan.objects.order_by("at").values_list("at", flat=True).first()
    moved = 0
    if oldest is None:
        return 0
    day = timezone.localdate(oldest)
    while day < cutoff_day:
        moved += _roll_up_day(day)
        day += datetime.timedelta(days=1)
    return moved


@transaction.atomic
def _roll_up_day(day: datetime.date) -> int:
    raw = Scan.objects.filter(
        at__gte=_local_midnight(day), at__lt=_local_midnight(day + datetime.timedelta(days=1))
    )
    totals = (
        raw.values("link_id")
        .annotate(
            scans=Count("id", filter=Q(is_bot=False)),
            visitors=Count("visitor", filter=Q(is_bot=False), distinct=True),
            bots=Count("id", filter=Q(is_bot=True)),
        )
        .order_by()
    )
    existing = set(ScanDay.objects.filter(day=day).values_list("link_id", flat=True))
    new = []
    for row in totals:
        if row["link_id"] in existing:
            ScanDay.objects.filter(link_id=row["link_id"], day=day).update(
                scans=F("scans") + row["scans"],
                visitors=F("visitors") + row["visitors"],
                bots=F("bots") + row["bots"],
            )
        else:
            new.append(ScanDay(day=day, **row))
    ScanDay.objects.bulk_create(new)
    deleted, _counts = raw.delete()
    return deleted
