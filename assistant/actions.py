"""Other apps add what a citizen can do next with an answer, through the `citizen_actions` hook.

A hook function is called as `fn(request, procedure_code=..., lesson_id=...)` (either may be None)
and returns (label, url) pairs, e.g. the home-service app's "Nhờ tổ công nghệ số giúp". The
assistant never imports those apps.
"""

import logging

from wagtail import hooks

logger = logging.getLogger(__name__)


def for_hit(request, doc) -> list[dict]:
    code = doc.data.get("code") if doc.kind == "procedure" else None
    lesson_id = doc.ref if doc.kind == "lesson" else None
    actions = []
    for fn in hooks.get_hooks("citizen_actions"):
        try:
            for label, url in fn(request, procedure_code=code, lesson_id=lesson_id) or ():
                actions.append({"label": label, "url": url})
        except Exception:  # one app's broken hook must not take the answer down
            logger.exception("citizen_actions hook %s failed", getattr(fn, "__name__", fn))
    return actions
