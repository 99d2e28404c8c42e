"""The services of an import job: create it (queueing the preview), preview it, confirm it.

The tasks in wards.tasks call `import_job_preview` and `import_job_confirm` with a job id. Every
write of the job row is one UPDATE inside the transaction of the chunk it reports, so the progress
bar, the counts on the result page and the database never disagree, even after a crash.
"""

import datetime
import logging
import traceback

from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from wards import changes
from wards.import_files import ImportFileError, read_file
from wards.import_jobs import ImportJob
from wards.importing import (
    IMPORTERS,
    ImportRun,
    RowProblem,
    missing_columns,
    preview_rows,
    run_import,
)
from wards.models import AuditEntry
from wards.services import audit_record

logger = logging.getLogger(__name__)
JOB_LIFETIME = datetime.timedelta(hours=2)  # to confirm a preview; finished jobs go after it
STORED_PROBLEMS = 1000  # listed on the page; the count covers them all
# Rows one confirm task writes before it queues the next: each task stays far inside the
# cluster's timeout (600 s) on a loaded machine, whatever the size of the file.
SLICE_ROWS = 10_000
Status = ImportJob.Status


def import_job_create(*, importer: str, ward, user, filename: str, content: bytes) -> ImportJob:
    """Keep the upload and queue its preview. Views run in autocommit, so the job is committed
    before a worker can look for it."""
    ImportJob.objects.filter(
        created_at__lt=timezone.now() - JOB_LIFETIME,
        status__in=[Status.PREVIEWED, Status.DONE, Status.FAILED],
    ).delete()
    job = ImportJob.objects.create(
        importer=importer,
        ward=ward,
        user=user,
        filename=filename[:255],
        file_format=filename.rsplit(".", 1)[-1].lower() if "." in filename else "",
        content=content,
    )
    async_task("wards.tasks.import_preview", str(job.pk), task_name=f"import-preview-{job.pk}")
    return job


def import_job_confirm_queue(*, job: ImportJob) -> bool:
    """Start writing a clean, recent preview; False if it is not one (or already started)."""
    if job.summary.get("problem_count") or job.created_at < timezone.now() - JOB_LIFETIME:
        return False
    if not job.moved(Status.CONFIRMING, rows_done=0):
        return False
    _queue_confirm(job)
    return True


def _queue_confirm(job: ImportJob) -> None:
    name = f"import-confirm-{job.pk}-{job.rows_done}"
    async_task("wards.tasks.import_confirm", str(job.pk), task_name=name)


def _problems(problems: list[RowProblem]) -> dict:
    return {
        "problems": [[p.row, p.column, p.message] for p in problems[:STORED_PROBLEMS]],
        "problem_count": len(problems),
    }


def _cell(value) -> str:
    return "" if value is None else str(value)


def _guarded(work):
    """Run a job's work; any failure leaves the job failed with a Vietnamese message."""

    def run(job_id: str) -> None:
        job = ImportJob.objects.filter(pk=job_id).select_related("ward", "user").first()
        if job is None:
            return  # deleted (its ward or user removed) before the task ran
        try:
            work(job)
        except ImportFileError as problem:
            job.moved(Status.FAILED, error=str(problem))
        except Exception as error:  # noqa: BLE001 - the user gets a message, the log the cause
            # The class and where only: a message or a source line may quote a cell (a phone).
            frames = traceback.extract_tb(error.__traceback__)
            where = " < ".join(f"{f.filename}:{f.lineno} {f.name}" for f in reversed(frames))
            logger.error("import job %s failed: %s at %s", job.pk, type(error).__name__, where)
            job.moved(
                Status.FAILED,
                error=_(
                    "Có lỗi khi xử lý tệp. Những dòng đã ghi (nếu có) được nêu dưới đây; hãy thử"
                    " lại sau hoặc báo quản trị viên."
                ),
            )

    return run


@_guarded
def import_job_preview(job: ImportJob) -> None:
    if not job.moved(Status.PREVIEWING, rows_done=0):
        return
    importer = IMPORTERS[job.importer]
    read = read_file(bytes(job.content), job.file_format)
    missing = missing_columns(read.dataset, importer)
    if missing:
        raise ImportFileError(
            _("Tệp thiếu cột: %(columns)s. Tải tệp mẫu để xem đúng tên cột.")
            % {"columns": ", ".join(missing)}
        )
    ImportJob.objects.filter(pk=job.pk).update(rows_total=read.dataset.height)

    def chunk_done(run: ImportRun) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=run.rows_done)

    run = run_import(
        importer, read, ward=job.ward, user=job.user, dry_run=True, chunk_done=chunk_done
    )
    preview = [
        [
            row.line,
            [_cell(c) for c in row.cells],
            [[p.row, p.column, p.message] for p in row.problems],
        ]
        for row in preview_rows(read, run)
    ]
    summary = {
        "headers": read.headers,
        "warnings": [str(w) for w in read.warnings],
        "totals": {key: run.totals[key] for key in ("new", "update", "skip")},
        "preview": preview,
        **_problems(run.problems),
    }
    job.moved(Status.PREVIEWED, summary=summary, rows_done=run.rows_done)


@_guarded
def import_job_confirm(job: ImportJob) -> None:
    """Write the rows, resuming after the last committed chunk if a worker died part way."""
    if not job.moved(Status.CONFIRMING):
        return
    importer = IMPORTERS[job.importer]
    read = read_file(bytes(job.content), job.file_format)
    before = job.summary.get("written", {"new": 0, "update": 0})

    def chunk_done(run: ImportRun) -> None:
        written = {key: before[key] + value for key, value in run.written.items()}
        ImportJob.objects.filter(pk=job.pk).update(
            rows_done=run.rows_done, summary={**job.summary, "written": written}
        )
        changes.record(ward_ids=[job.ward_id], part=changes.Part.PEOPLE)

    run = run_import(
        importer,
        read,
        ward=job.ward,
        user=job.user,
        dry_run=False,
        start=job.rows_done,
        limit=SLICE_ROWS,
        chunk_done=chunk_done,
    )
    job.refresh_from_db(fields=["rows_done", "summary"])
    if not run.problems and run.rows_done < job.rows_total:
        _queue_confirm(job)  # the next slice, from the rows committed so far
        return
    written = job.summary.get("written", {"new": 0, "update": 0})
    if any(written.values()):
        audit_record(
            actor=job.user,
            action=AuditEntry.Action.IMPORT,
            obj=importer.key,
            ward=job.ward,
            summary=job.filename,
            changes=written,
        )
    if run.problems:  # the data changed since the preview: this chunk and the rest not written
        job.moved(
            Status.FAILED,
            summary={**job.summary, **_problems(run.problems)},
            error=_(
                "Dữ liệu đã thay đổi từ lúc kiểm tra: từ dòng %(line)s trở đi chưa được ghi. Bỏ"
                " các dòng đã ghi khỏi tệp, sửa các lỗi dưới đây rồi tải lên lại."
            )
            % {"line": read.lines[run.rows_done] if run.rows_done < len(read.lines) else ""},
        )
        return
    job.moved(Status.DONE)
