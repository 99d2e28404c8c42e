"""Short signed tokens for rating links: `<id in base 36>-<10 letters of HMAC>`.

The link carries no login: the signature makes an id unguessable, so a page can be checked
before any query, and a guessed or altered link is refused without touching the database.
"""

import base64

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "feedback.rating-link"
SIGNATURE_LENGTH = 10
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
        if not number:
            return digits


def _signature(body: str) -> str:
    digest = salted_hmac(SALT, body, algorithm="sha256").digest()
    return base64.b32encode(digest).decode().lower()[:SIGNATURE_LENGTH]


def make(request_id: int) -> str:
    body = _base36(request_id)
    return f"{body}-{_signature(body)}"


def read(token: str) -> int | None:
    """The request id a token was made for, or None when it is malformed or not ours."""
    body, _sep, signature = (token or "").lower().partition("-")
    if not body or len(body) > 12 or any(c not in ALPHABET for c in body):
        return None
    if not constant_time_compare(signature, _signature(body)):
        return None
    return int(body, 36)
