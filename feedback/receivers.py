"""Listens to `wards.served.service_delivered`: every service served asks for a rating."""

import logging

logger = logging.getLogger(__name__)


def ask_for_rating(sender, service, **kwargs):
    from feedback.services.ratings import rating_requests_schedule

    try:
        rating_requests_schedule(services=[service])
    except Exception:  # noqa: BLE001 - runs after the visit committed: never fail the visit
        logger.exception("rating request for %s %s not scheduled", service.kind, service.ref)
