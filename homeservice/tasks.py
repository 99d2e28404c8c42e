"""Background work of the home service. Tasks take ids and call a service (see DESIGN.md)."""

from homeservice import notify


def resident_notices(items: list) -> None:
    """Queue the residents' messages for steps a batch saved: [[request_id, step, key], ...].

    Run after the batch committed, so the sync answers without waiting for campaigns. A retry
    is harmless: campaigns' notice_send stores one notice per key and sends it once."""
    notify.resident_notices_send(items)
