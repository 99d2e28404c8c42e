"""The sync API the field app's queue talks to. Schema: /api/doi/openapi.json (see teams/README.md).

Signed-in team members only (session cookie + CSRF token), rate-limited per member.
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from config.ratelimit import over_limit
from teams.permissions import is_field_member
from teams.schemas import ErrorOut, SyncIn, SyncOut
from teams.sync import sync_batch


class MemberSession(SessionAuth):
    """Django's session, CSRF-checked; signed out is a 401 (sign in again), not a CSRF 403."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


api = NinjaAPI(
    title="Phường Số — tổ công nghệ số",
    version="1",
    description=(
        "Đồng bộ các lần thăm hộ ghi khi mất mạng. Mỗi bản ghi mang client_uuid; gửi lại cùng "
        "mã không tạo thêm lần thăm. Mỗi bản ghi được trả lời riêng."
    ),
    urls_namespace="teams:api",
    auth=MemberSession(csrf=True),
    docs_url=None,  # the interactive page loads scripts from a CDN, which the CSP forbids
)


@api.exception_handler(AuthenticationError)
def signed_out(request, exc):
    return api.create_response(
        request,
        {"detail": _("Phiên đăng nhập đã hết. Hãy đăng nhập lại để gửi."), "code": "login"},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 403:  # ninja's CSRF failure
        detail = _("Mã bảo mật của trang đã cũ. Hãy tải lại trang hoặc đăng nhập lại.")
        return api.create_response(request, {"detail": detail, "code": "csrf"}, status=403)
    if exc.status_code == 400:  # a body that is not JSON
        return bad_batch(request)
    return api.create_response(request, {"detail": str(exc), "code": ""}, status=exc.status_code)


@api.exception_handler(ValidationError)
def bad_batch(request, exc=None):
    detail = _("Gói dữ liệu gửi lên không đúng dạng (cần {“records”: [...]}, tối đa 500 bản ghi).")
    return api.create_response(request, {"detail": detail, "code": "bad_batch"}, status=400)


@api.post(
    "/sync",
    response={200: SyncOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    summary="Gửi một gói lần thăm",
    url_name="sync",
)
def sync(request, payload: SyncIn, response: HttpResponse):
    started = time.perf_counter()
    user = request.auth
    if not is_field_member(user):
        return Status(
            403,
            {
                "detail": _("Chỉ tổ viên, tổ trưởng tổ công nghệ số mới gửi được lần thăm."),
                "code": "role",
            },
        )
    limit, window = settings.TEAMS_SYNC_RATE_LIMIT
    if over_limit("teams-sync", str(user.pk), limit=limit, window_seconds=window):
        return Status(
            429,
            {
                "detail": _("Bạn gửi quá nhanh. Điện thoại sẽ tự gửi lại sau ít phút."),
                "code": "rate",
            },
        )
    results = sync_batch(member=user, records=payload.records)
    counts = {status: 0 for status in ("created", "duplicate", "refused")}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return {
        "created": counts["created"],
        "duplicates": counts["duplicate"],
        "refused": counts["refused"],
        "results": [result.__dict__ for result in results],
    }
