from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from stats.models import OfficialFigure, WardTarget
from wards.models import Ward
from wards.text import fold, nfc


class WardScopedForm(WagtailAdminModelForm):
    """The ward can only be one the signed-in user works in."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        self.fields["ward"].queryset = Ward.objects.for_user(for_user)


class WardTargetForm(WardScopedForm):
    class Meta:
        model = WardTarget
        fields = [
            "ward",
            "vneid_level2",
            "public_service_account",
            "online_submission",
            "cashless_payment",
            "note",
        ]

    def save(self, commit=True):
        target = super().save(commit=False)
        target.updated_at = timezone.now()
        target.updated_by = self.user
        if commit:
            target.save()
        return target


class OfficialFigureForm(WardScopedForm):
    class Meta:
        model = OfficialFigure
        fields = ["ward", "month", "field", "received", "received_online", "resolved_on_time"]

    def clean(self):
        cleaned = super().clean()
        received, online = cleaned.get("received"), cleaned.get("received_online")
        if received is not None and online is not None and online > received:
            from django.utils.translation import gettext as _

            self.add_error(
                "received_online", _("Số hồ sơ trực tuyến không thể lớn hơn số hồ sơ tiếp nhận.")
            )
        if cleaned.get("month"):
            cleaned["month"] = cleaned["month"].replace(day=1)
        return cleaned

    def save(self, commit=True):
        figure = super().save(commit=False)
        figure.month = figure.month.replace(day=1)
        figure.field = nfc(figure.field)
        figure.field_key = fold(figure.field)
        figure.imported_by = self.user
        if commit:
            figure.save()
        return figure
