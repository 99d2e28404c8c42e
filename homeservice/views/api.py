"""The endpoint the field app's queue sends request steps to (session + CSRF, rate-limited)."""

import json
import time

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.ratelimit import over_limit
from homeservice.sync import MAX_RECORDS, as_json, steps_sync
from homeservice.views.guards import is_field_member


def _error(detail, code, status):
    return JsonResponse({"detail": str(detail), "code": code}, status=status)


@require_POST
def sync(request):
    started = time.perf_counter()
    user = request.user
    if not user.is_authenticated:
        return _error(_("Phiên đăng nhập đã hết. Hãy đăng nhập lại để gửi."), "login", 401)
    if not is_field_member(user):
        return _error(_("Chỉ tổ viên, tổ trưởng mới gửi được bước của việc nhờ."), "role", 403)
    limit, window = settings.TEAMS_SYNC_RATE_LIMIT
    if over_limit("homeservice-sync", str(user.pk), limit=limit, window_seconds=window):
        return _error(_("Bạn gửi quá nhanh. Điện thoại sẽ tự gửi lại sau ít phút."), "rate", 429)
    try:
        records = json.loads(request.body or b"{}").get("records")
    except (ValueError, AttributeError):
        records = None
    if not isinstance(records, list) or len(records) > MAX_RECORDS:
        detail = _(
            "Gói dữ liệu gửi lên không đúng dạng (cần {“records”: [...]}, tối đa 500 bản ghi)."
        )
        return _error(detail, "bad_batch", 400)
    response = JsonResponse(as_json(steps_sync(member=user, records=records)))
    response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response
