"""Forms of the offline channels; every choice is limited to the ward being worked on."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaigns.admin_forms import PageChoiceField
from campaigns.models import BroadcastSlot, Outreach
from campaigns.offline import loudspeaker
from wards.models import Area

# The poster layout steps its title down to fit 200 characters on one page (qr.posters).
LEAFLET_MAX_CHARACTERS = 200
MAX_GROUPS = 50

TEXT_LABELS = {
    Outreach.Kind.LEAFLET: _("Dòng chữ lớn trên tờ rơi"),
    Outreach.Kind.LOUDSPEAKER: _("Bài đọc trên loa"),
    Outreach.Kind.GROUP_POST: _("Nội dung bài đăng"),
}


class OutreachForm(forms.ModelForm):
    target_page = PageChoiceField(
        queryset=Page.objects.none(),
        required=False,
        label=_("Liên kết dẫn đến"),
        help_text=_("Trang mà mã theo dõi mở ra. Để trống: trang chủ phường."),
    )
    areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Khu phố phát tờ rơi"),
        help_text=_("Mỗi khu phố có mã QR riêng, để biết tờ rơi ở đâu được quét."),
    )
    printed = forms.IntegerField(
        label=_("Số tờ in cho mỗi khu phố"), min_value=1, max_value=100_000, initial=200
    )
    groups = forms.CharField(
        label=_("Các nhóm sẽ đăng"),
        error_messages={"required": _("Nhập ít nhất một nhóm.")},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một nhóm, ví dụ “Zalo Khu phố 3”. Mỗi nhóm có đường dẫn riêng."),
    )

    class Meta:
        model = Outreach
        fields = ["name", "goal", "text", "target_page", "paper"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, ward, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward, self.kind = ward, kind
        self.fields["text"].label = TEXT_LABELS[kind]
        self.fields["target_page"].queryset = Page.objects.live().descendant_of(
            ward.site.root_page, inclusive=True
        )
        self.fields["areas"].queryset = Area.objects.filter(ward=ward)
        unused = {
            Outreach.Kind.LEAFLET: ["groups"],
            Outreach.Kind.LOUDSPEAKER: ["areas", "printed", "groups", "paper"],
            Outreach.Kind.GROUP_POST: ["areas", "printed", "paper"],
        }[kind]
        for name in unused:
            del self.fields[name]
        if kind == Outreach.Kind.LEAFLET:
            self.fields["paper"].required = True
        if kind == Outreach.Kind.LOUDSPEAKER:
            self.fields["text"].help_text = _(
                "Tối đa %(max)s ký tự. Thời gian đọc tính theo khoảng %(wpm)s từ một phút."
            ) % {"max": loudspeaker.MAX_CHARACTERS, "wpm": loudspeaker.WORDS_PER_MINUTE}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        limit = {
            Outreach.Kind.LEAFLET: LEAFLET_MAX_CHARACTERS,
            Outreach.Kind.LOUDSPEAKER: loudspeaker.MAX_CHARACTERS,
        }.get(self.kind)
        if limit and len(text) > limit:
            raise forms.ValidationError(
                _("Nội dung dài %(length)s ký tự, quá giới hạn %(max)s ký tự. Hãy rút gọn.")
                % {"length": len(text), "max": limit}
            )
        return text

    def clean_groups(self):
        names = [line.strip() for line in self.cleaned_data["groups"].splitlines() if line.strip()]
        unique = list(dict.fromkeys(names))
        if len(unique) > MAX_GROUPS:
            raise forms.ValidationError(
                _("Tối đa %(max)s nhóm cho một bài đăng.") % {"max": MAX_GROUPS}
            )
        if any(len(name) > 120 for name in unique):
            raise forms.ValidationError(_("Tên nhóm dài quá 120 ký tự."))
        return unique


class SlotForm(forms.ModelForm):
    class Meta:
        model = BroadcastSlot
        fields = ["area", "starts_at"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(ward=ward)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now():
            raise forms.ValidationError(_("Giờ phát đã qua. Chọn một giờ sau bây giờ."))
        return starts_at


class LeafletCountsForm(forms.Form):
    printed = forms.IntegerField(label=_("Số tờ in"), min_value=0, max_value=100_000)
    distributed = forms.IntegerField(label=_("Số tờ đã phát"), min_value=0, max_value=100_000)

    def clean(self):
        data = super().clean()
        if (data.get("distributed") or 0) > (data.get("printed") or 0):
            self.add_error("distributed", _("Số tờ đã phát không thể nhiều hơn số tờ in."))
        return data
