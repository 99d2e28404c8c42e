"""The demo ward's assistant index, built once its pages and catalogue are loaded."""

from assistant import services


def load(ward) -> int:
    return services.index_rebuild(ward=ward)
