"""Admin forms: every choice of ward, procedure and placement limited to the user's wards."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from qr.models import Placement, PosterBatch, Procedure
from wards.models import Area, Ward


class WardScopedForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        wards = Ward.objects.for_user(for_user)
        self.fields["ward"].queryset = wards
        if not self.instance.pk and wards.count() == 1:
            self.fields["ward"].initial = wards.first()
        if "area" in self.fields:
            self.fields["area"].queryset = Area.objects.filter(ward__in=wards)

    def clean(self):
        cleaned = super().clean()
        area, ward = cleaned.get("area"), cleaned.get("ward")
        if area and ward and area.ward_id != ward.pk:
            self.add_error("area", _("Khu phố này không thuộc phường đã chọn."))
        return cleaned


class ProcedureForm(WardScopedForm):
    class Meta:
        model = Procedure
        fields = [
            "ward",
            "code",
            "name",
            "field",
            "level",
            "online_level",
            "purpose",
            "who_may_apply",
            "documents",
            "steps",
            "processing_time",
            "fees",
            "where_to_submit",
            "legal_basis",
            "portal_url",
            "verified",
            "active",
        ]

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()


class PlacementForm(WardScopedForm):
    class Meta:
        model = Placement
        fields = ["ward", "label", "kind", "area", "outdoor", "active"]


class PosterBatchForm(forms.Form):
    """What to print: every active procedure or some, for one placement or several."""

    ALL, CHOSEN = "all", "chosen"

    paper = forms.ChoiceField(
        label=_("Khổ giấy"), choices=PosterBatch.Paper.choices, initial=PosterBatch.Paper.A4
    )
    which = forms.ChoiceField(
        label=_("Thủ tục"),
        choices=[
            (ALL, _("Tất cả thủ tục đang áp dụng")),
            (CHOSEN, _("Chỉ những thủ tục chọn dưới đây")),
        ],
        initial=ALL,
        widget=forms.RadioSelect,
    )
    procedures = forms.ModelMultipleChoiceField(
        label=_("Chọn thủ tục"),
        queryset=Procedure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    placements = forms.ModelMultipleChoiceField(
        label=_("Nơi dán"),
        queryset=Placement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một nơi dán.")},
    )

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward = ward
        self.fields["procedures"].queryset = (
            Procedure.objects.filter(ward=ward).active().order_by("field", "name")
        )
        self.fields["procedures"].label_from_instance = lambda p: f"{p.code} — {p.name}"
        self.fields["placements"].queryset = Placement.objects.filter(ward=ward).active()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("which") == self.CHOSEN and not cleaned.get("procedures"):
            self.add_error("procedures", _("Chọn ít nhất một thủ tục, hoặc chọn “Tất cả”."))
        return cleaned

    def chosen_procedures(self):
        if self.cleaned_data["which"] == self.ALL:
            return list(self.fields["procedures"].queryset)
        return list(self.cleaned_data["procedures"])
