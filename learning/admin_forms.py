"""The video upload form: a broken or non-video file is refused at once, in Vietnamese."""

import tempfile
from pathlib import Path

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from learning.captions import to_webvtt
from learning.services import video_save
from learning.video import VideoError, probe
from wards import scoping
from wards.models import Ward

MAX_UPLOAD_BYTES = 1024 * 1024 * 1024
# Lessons want short clips; a longer one would also outlast the task queue's timeout.
MAX_MINUTES = 8


def _probe_upload(upload: UploadedFile):
    if hasattr(upload, "temporary_file_path"):
        return probe(Path(upload.temporary_file_path()))
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix) as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return probe(Path(copy.name))


class VideoForm(WagtailAdminModelForm):
    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if not isinstance(upload, UploadedFile):
            return upload
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 1 GB). Hãy cắt ngắn video."))
        try:
            info = _probe_upload(upload)
        except VideoError as error:
            raise forms.ValidationError(error.message) from error
        finally:
            upload.seek(0)
        if info.duration_seconds > MAX_MINUTES * 60:
            raise forms.ValidationError(
                _("Video dài quá %(minutes)s phút. Bài học nên có video ngắn.")
                % {"minutes": MAX_MINUTES}
            )
        return upload

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        if not isinstance(upload, UploadedFile):
            return upload
        return ContentFile(to_webvtt(upload.read()).encode(), name="captions.vtt")

    def save(self, commit=True):
        video = super().save(commit=False)
        new_file = video._state.adding or "original" in self.changed_data
        if video._state.adding and self.for_user is not None:
            # Ward staff add to their ward; the province adds to the library shared by all.
            if not scoping.is_province_admin(self.for_user):
                video.ward = Ward.objects.for_user(self.for_user).first()
        if commit:
            video = video_save(video=video, new_file=new_file, by=self.for_user)
        return video
