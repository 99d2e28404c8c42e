"""The demo ward's assistant: the seed synonyms, a keyword index at once, and the full index
(with sentence vectors) built by the worker soon after, so loading the demo (which every browser
test does) does not pay for embedding every page. `manage.py assistant_rebuild` builds it all now.
"""

from assistant import services, signals


def load(ward) -> None:
    services.synonyms_seed()
    services.index_rebuild(ward=ward, meaning=False)
    signals.schedule_rebuild([ward.pk])
