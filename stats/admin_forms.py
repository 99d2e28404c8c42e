"""Admin forms for the ward's targets and monthly figures; saving goes through stats.services."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import DeleteView

from stats.models import OfficialFigure, WardTarget
from stats.services import (
    FIGURE_FIELDS,
    TARGET_FIELDS,
    official_figure_delete,
    official_figure_save,
    target_set,
)
from wards.models import Ward


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
        values = {name: self.cleaned_data[name] for name in TARGET_FIELDS}
        self.instance = target_set(ward=self.cleaned_data["ward"], by=self.user, **values)
        return self.instance


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
        data = self.cleaned_data
        # The form has already copied its values onto the instance: compare with the row.
        stored = (
            OfficialFigure.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        )
        self.instance = official_figure_save(
            figure=stored,
            ward=data["ward"],
            month=data["month"],
            field=data["field"],
            by=self.user,
            **{name: data[name] for name in FIGURE_FIELDS},
        )
        return self.instance


class OfficialFigureDeleteView(DeleteView):
    def delete_action(self):
        official_figure_delete(figure=self.object, by=self.request.user)
