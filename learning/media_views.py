"""Videos, captions and the service worker: the files a phone keeps for reading offline."""

import hashlib
import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from learning.models import Video
from learning.ranges import ranged_file_response

RENDITIONS = {"360p": "standard", "240p": "save_data"}
VIDEO_MAX_AGE = 3600


def wants_small_video(request) -> bool:
    return request.headers.get("Save-Data", "").strip().lower() == "on"


@require_GET
def video(request, pk: int, size: str = ""):
    """The rendition a phone should play: 240p when it sends `Save-Data: on`, else 360p."""
    item = get_object_or_404(Video.objects.ready(), pk=pk)
    if size and size not in RENDITIONS:
        raise Http404
    field_name = RENDITIONS.get(size) or ("save_data" if wants_small_video(request) else "standard")
    field = getattr(item, field_name)
    if not field:
        raise Http404
    try:
        path = field.path
    except NotImplementedError:  # object storage serves ranges itself
        return redirect(field.url)
    response = ranged_file_response(request, path, "video/mp4")
    response["Cache-Control"] = f"public, max-age={VIDEO_MAX_AGE}"
    if not size:
        response["Vary"] = "Save-Data"
    return response


@require_GET
def video_captions(request, pk: int):
    item = get_object_or_404(Video.objects.ready(), pk=pk)
    if not item.captions:
        raise Http404
    response = FileResponse(item.captions.open("rb"), content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={VIDEO_MAX_AGE}"
    return response


def shell_urls() -> list[str]:
    """What the worker keeps from the first visit: the offline page, the home page, CSS and JS."""
    return [
        reverse("learning:offline"),
        static("css/site.css"),
        static("learning/learning.css"),
        static("learning/learning.js"),
    ]


@require_GET
def service_worker(request):
    """The public site's worker. Its text changes whenever a shell file does, so phones update."""
    body = render_to_string(
        "learning/sw.js",
        {
            "shell_urls_json": json.dumps(shell_urls()),
            "offline_url_json": json.dumps(reverse("learning:offline")),
            "version": "",
        },
    )
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace('const VERSION = "";', f'const VERSION = "{version}";', 1)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
