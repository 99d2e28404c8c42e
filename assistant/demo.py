"""The demo ward's assistant: the seed synonyms, and its index built by the worker soon after.

Scheduled rather than built here, so loading the demo (which every browser test does) does not
pay for embedding every page; `manage.py assistant_rebuild` builds it at once.
"""

from assistant import services, signals


def load(ward) -> None:
    services.synonyms_seed()
    signals.schedule_rebuild([ward.pk])
