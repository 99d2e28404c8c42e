"""Public forms: the rating (five faces) and the petition. Every refusal keeps what was typed."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback import photos
from feedback.models import Category, Petition, Rating
from feedback.models.petitions import TEXT_MAX
from feedback.models.ratings import COMMENT_MAX, Answer
from wards.models import Area
from wards.phones import InvalidPhone, normalise_phone
from wards.text import nfc

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PHONE_MAX = 20
PHONE_CHARACTERS = re.compile(r"\+?[\d .\-()]{9,19}")

FACES = {1: "😠", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}


def clean_text(value: str, *, limit: int) -> str:
    """NFC, no control characters, no markup, within `limit` characters."""
    value = nfc(CONTROL.sub("", value or "")).strip()
    if len(value) > limit:
        raise forms.ValidationError(
            _("Nội dung dài %(length)s ký tự, quá %(limit)s ký tự. Hãy viết ngắn lại."),
            code="too_long",
            params={"length": len(value), "limit": limit},
        )
    if MARKUP.search(value):
        raise forms.ValidationError(
            _("Nội dung có mã HTML (như <b> hay <script>). Hãy viết bằng chữ thường."),
            code="markup",
        )
    return value


class FreeText(forms.CharField):
    """A text box with no `maxlength` attribute, so an over-long text arrives and is kept on a
    refusal, with its own message, instead of being cut by the browser."""

    def __init__(self, *, limit, **kwargs):
        self.limit = limit
        super().__init__(widget=forms.Textarea(attrs={"rows": 4}), strip=False, **kwargs)

    def clean(self, value):
        value = clean_text(value, limit=self.limit)
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return value


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Bạn thấy thế nào?"),
        choices=Rating.Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn một khuôn mặt.")},
    )
    caring = forms.ChoiceField(
        label=_("Cán bộ có tận tình không?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    done = forms.ChoiceField(
        label=_("Việc của bạn đã xong chưa?"),
        choices=[(Answer.YES, _("Đã xong")), (Answer.NO, _("Chưa xong"))],
        widget=forms.RadioSelect,
        required=False,
    )
    comment = FreeText(
        label=_("Bạn muốn nhắn gì thêm? (không bắt buộc)"), limit=COMMENT_MAX, required=False
    )

    def faces(self):
        """(value, words, face, checked) for the five faces, worst first."""
        chosen = str(self["score"].value() or "")
        return [
            (value, label, FACES[value], chosen == str(value))
            for value, label in Rating.Score.choices
        ]


class InlineRatingForm(RatingForm):
    kind = forms.ChoiceField(
        choices=[("procedure", "procedure"), ("lesson", "lesson")], widget=forms.HiddenInput
    )
    ref = forms.RegexField(regex=r"^\d{1,12}$", widget=forms.HiddenInput)
    next = forms.RegexField(
        regex=r"^/[^/\\][^\s]{0,300}$|^/$", widget=forms.HiddenInput, required=False
    )


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Bạn muốn"),
        choices=Petition.Kind.choices,
        widget=forms.RadioSelect,
        initial=Petition.Kind.REPORT,
    )
    category = forms.ModelChoiceField(
        label=_("Về việc"), queryset=Category.objects.none(), empty_label=_("— Chọn lĩnh vực —")
    )
    area = forms.ModelChoiceField(
        label=_("Ở khu phố nào? (không bắt buộc)"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("— Không rõ / cả phường —"),
    )
    text = FreeText(label=_("Nội dung"), limit=TEXT_MAX)
    photo = forms.FileField(label=_("Ảnh (không bắt buộc)"), required=False)
    phone = forms.CharField(
        label=_("Số điện thoại để nhận trả lời (không bắt buộc)"),
        required=False,
        max_length=PHONE_MAX,
        help_text=_("Chỉ dùng để gửi câu trả lời của phường cho bạn, không công khai."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("Số điện thoại dài quá. Số di động có 10 chữ số.")},
    )

    from_poster = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(
            ward=ward, for_ratings=False
        ).active()
        self.fields["area"].queryset = Area.objects.filter(ward=ward).order_by("code")
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def clean_phone(self):
        raw = (self.cleaned_data.get("phone") or "").strip()
        if not raw:
            return ""
        if not PHONE_CHARACTERS.fullmatch(raw):
            raise forms.ValidationError(
                _(
                    "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm), ví dụ 0912 345 678."
                )
            )
        try:
            return normalise_phone(raw)
        except InvalidPhone as error:
            raise forms.ValidationError(error.messages[0]) from None

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return photos.reencode(upload) if upload else None
