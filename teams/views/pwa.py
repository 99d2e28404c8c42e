"""The field app as an installable PWA: its own service worker (scope /doi/) and manifest."""

import hashlib
import json

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

SHELL_ASSETS = [
    "css/site.css",
    "teams/field.css",
    "teams/queue.js",
    "teams/field.js",
    "teams/forms.js",
    "teams/icons/icon-192.png",
]


def shell_urls() -> list[str]:
    """What the service worker keeps for offline use: styles, script, the offline page, the queue."""
    return [static(path) for path in SHELL_ASSETS] + [
        reverse("teams:offline"),
        reverse("teams:today"),
        reverse("teams:queue"),
        reverse("teams:household_add"),
        reverse("teams:household_new"),
    ]


@require_GET
def service_worker(request):
    urls = shell_urls()
    # Hashed static names change when a file changes, and so does the worker, which updates.
    version = hashlib.sha256("\n".join(urls).encode()).hexdigest()[:12]
    body = render_to_string(
        "teams/sw.js",
        {
            # JSON in a script, not HTML: the URLs are our own static and page paths.
            "urls_json": json.dumps(urls),
            "version": version,
            "offline_json": json.dumps(reverse("teams:offline")),
        },
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request):
    icon = static("teams/icons/icon-192.png")
    big = static("teams/icons/icon-512.png")
    response = JsonResponse(
        {
            "name": _("Tổ công nghệ số — Phường Số"),
            "short_name": _("Tổ CNS"),
            "description": _("Ghi lần thăm hộ, dùng được khi mất mạng."),
            "start_url": reverse("teams:today"),
            "scope": reverse("teams:today"),
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5cad",
            "lang": request.LANGUAGE_CODE,
            "icons": [
                {"src": icon, "sizes": "192x192", "type": "image/png"},
                {"src": big, "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/manifest+json"
    return response
