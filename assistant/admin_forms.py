from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from assistant import text
from wards import scoping
from wards.models import Ward


class SynonymForm(WagtailAdminModelForm):
    """Ward staff write their ward's synonyms; only a province administrator writes shared ones."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        wards = Ward.objects.for_user(for_user)
        field = self.fields["ward"]
        field.queryset = wards
        field.required = not scoping.is_province_admin(for_user)
        if not self.instance.pk and wards.count() == 1:
            field.initial = wards.first()

    def clean_phrase(self):
        phrase = text.nfc(self.cleaned_data["phrase"])
        if not text.syllables(phrase):
            raise forms.ValidationError(_("Hãy ghi bằng chữ cụm từ người dân hay gõ."))
        return phrase

    def clean_means(self):
        means = text.nfc(self.cleaned_data["means"])
        if not text.syllables(means):
            raise forms.ValidationError(_("Hãy ghi ít nhất một từ dùng trong trang của phường."))
        return means
