"""Secrets never reach the logs: query parameters that carry one are written as "***".

A provider that signs nothing (eSMS) is checked by a secret token in its callback URL, and the
access log would otherwise keep every such URL. Gunicorn takes `RedactingLogger` as its
`--logger-class` (bin/serve); Django's own request logs take `RedactSecrets` as a filter.
"""

import logging
import re

from gunicorn.glogging import Logger

SECRET_PARAMS = ("token", "callback_token", "secret", "secret_key", "api_key", "access_token")
_SECRET = re.compile(r"(?i)(^|[?&;])(" + "|".join(SECRET_PARAMS) + r")=[^&;\s\"]*")


def redact(text: str) -> str:
    return _SECRET.sub(r"\1\2=***", text) if text else text


class RedactingLogger(Logger):
    """Gunicorn's logger, with secret query parameters masked in every access-log field."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "q", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


class RedactSecrets(logging.Filter):
    """For Django's request loggers (runserver's `django.server` writes the request line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True
