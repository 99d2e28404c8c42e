from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from learning import services
from learning.models import Video


def video_retry(request, pk: int):
    """Run the transcoding again (after a server hiccup, or to refresh the renditions)."""
    if not request.user.has_perm("learning.change_video"):
        raise PermissionDenied
    video = get_object_or_404(Video.objects.editable_by(request.user), pk=pk)
    edit_url = video.snippet_viewset.get_url_name("edit")
    if request.method == "POST":
        if video.status in (Video.Status.READY, Video.Status.FAILED):
            services.video_schedule(video=video)
            messages.success(
                request, _("Đã đưa video “%(title)s” vào hàng xử lý.") % {"title": video}
            )
        return redirect(edit_url, video.pk)
    return TemplateResponse(
        request,
        "learning/admin/video_retry.html",
        {
            "video": video,
            "page_title": _("Xử lý lại video"),
            "header_icon": "media",
            "edit_url_name": edit_url,
        },
    )
