"""The staff answer form: plain text within the ward's SMS limit, sent once per form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.inbox.receiving import clean_text

TOKEN = re.compile(r"[0-9a-f]{32}")


class AnswerForm(forms.Form):
    # No maxlength attribute: an over-long answer arrives and is kept with its own message.
    text = forms.CharField(
        label=_("Trả lời"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        # Control characters (NUL too) are dropped by clean_text, not refused.
        self.fields["text"].validators = []
        self.fields["text"].help_text = _("Tối đa %(limit)s ký tự.") % {"limit": limit}

    def clean_text(self):
        raw = self.cleaned_data.get("text") or ""
        text = clean_text(raw, limit=len(raw) + 1)
        if not text:
            raise forms.ValidationError(_("Nhập nội dung trả lời."), code="required")
        if len(text) > self.limit:
            raise forms.ValidationError(
                _("Tin dài %(n)s ký tự, kênh SMS của phường nhận tối đa %(max)s."),
                code="too_long",
                params={"n": len(text), "max": self.limit},
            )
        return text

    def clean_token(self):
        token = self.cleaned_data.get("token") or ""
        if not TOKEN.fullmatch(token):
            raise forms.ValidationError(
                _("Biểu mẫu đã cũ. Vui lòng tải lại trang và gửi lại."), code="token"
            )
        return token
