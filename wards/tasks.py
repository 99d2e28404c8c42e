"""django-q2 tasks of the wards app: thin, they take ids and call a service."""

from wards.import_runs import import_job_confirm, import_job_preview


def import_preview(job_id: str) -> None:
    import_job_preview(job_id)


def import_confirm(job_id: str) -> None:
    import_job_confirm(job_id)
