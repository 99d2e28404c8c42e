from django import forms
from django.utils.translation import gettext_lazy as _

from assistant import text

# What is echoed back into the box: everything typed, up to this much (nothing typed is lost).
MAX_ECHO = 10_000


class QuestionForm(forms.Form):
    q = forms.CharField(required=False, strip=True)

    def clean_q(self):
        value = text.nfc(self.cleaned_data["q"]).replace("\x00", "")
        if len(value) > text.MAX_QUERY:
            raise forms.ValidationError(
                _(
                    "Câu hỏi dài quá (%(length)s chữ). Hãy viết ngắn lại, dưới %(limit)s chữ, "
                    "ví dụ “làm giấy khai sinh cho con”."
                ),
                params={"length": len(value), "limit": text.MAX_QUERY},
                code="too_long",
            )
        if value and not text.syllables(value):
            raise forms.ValidationError(
                _(
                    "Hãy gõ bằng chữ việc bạn cần làm, ví dụ “đăng ký tạm trú” hoặc “kích hoạt VNeID”."
                ),
                code="no_words",
            )
        return value

    def typed(self) -> str:
        return (self.data.get("q") or "")[:MAX_ECHO]


class WrongAnswerForm(forms.Form):
    q = forms.CharField(max_length=text.MAX_QUERY)
    best = forms.CharField(max_length=400, required=False)
