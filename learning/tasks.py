"""Background work of the learning app: thin, takes ids, calls a service."""

from learning import services


def video_process(video_id: int) -> None:
    services.video_process(video_id=video_id)
