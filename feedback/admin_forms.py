"""Admin forms: categories, and what staff do with one petition."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from feedback.forms import clean_text
from feedback.models import Category, Petition
from feedback.models.petitions import ANSWER_MAX, TEXT_MAX
from wards.models import Membership, Ward
from wards.roles import WARD_WIDE_PERSONAL_DATA


class CategoryForm(WagtailAdminModelForm):
    class Meta:
        model = Category
        fields = ["ward", "name", "sla_days", "position", "active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        wards = Ward.objects.for_user(for_user)
        self.fields["ward"].queryset = wards
        if not self.instance.pk and wards.count() == 1:
            self.fields["ward"].initial = wards.first()


def staff_of(ward):
    """Who may be assigned a petition: the ward's admins and communications staff."""
    ids = Membership.objects.filter(ward=ward, role__in=WARD_WIDE_PERSONAL_DATA).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username")


class PetitionEditForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Người xử lý"), queryset=None, required=False)
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=None)
    answer = forms.CharField(
        label=_("Trả lời của phường"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Gửi tin nhắn cho người dân khi chuyển sang “Đã trả lời” (nếu họ để lại số điện thoại)."
        ),
    )
    public_text = forms.CharField(
        label=_("Nội dung đăng công khai"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Viết lại ý người dân, bỏ tên, số điện thoại, địa chỉ nhà."),
    )
    published = forms.BooleanField(label=_("Đăng lên trang “Bạn nói — phường làm”"), required=False)
    move_to = forms.ChoiceField(label=_("Chuyển trạng thái"), required=False)

    def __init__(self, *args, petition: Petition, moves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_of(petition.ward)
        self.fields["category"].queryset = Category.objects.filter(ward=petition.ward)
        self.fields["move_to"].choices = [("", _("— Giữ nguyên —"))] + [
            (s, Petition.Status(s).label) for s in moves
        ]

    def clean_answer(self):
        return clean_text(self.cleaned_data.get("answer", ""), limit=ANSWER_MAX)

    def clean_public_text(self):
        return clean_text(self.cleaned_data.get("public_text", ""), limit=TEXT_MAX)
