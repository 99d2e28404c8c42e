"""Wagtail admin forms for households and residents; saving goes through wards.services, so
the admin writes what every other path writes: the audit entry and the change-feed mark."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from wards.models import Area, Household, Resident
from wards.phones import InvalidPhone, normalise_phone
from wards.services import household_create, household_update, resident_create, resident_update


class ScopedFormMixin:
    """Choices of areas and households limited to what the signed-in user may see."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        if "area" in self.fields:
            self.fields["area"].queryset = Area.objects.for_user(for_user)
        if "household" in self.fields:
            self.fields["household"].queryset = Household.objects.for_user(for_user)

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "")
        if not raw:
            return ""
        try:
            return normalise_phone(raw)
        except InvalidPhone as error:
            raise forms.ValidationError(error.messages[0]) from error


class HouseholdForm(ScopedFormMixin, WagtailAdminModelForm):
    class Meta:
        model = Household
        fields = ["area", "code", "address", "head_name", "phone", "size"]
        help_texts = {"code": _("Để trống để tự đặt mã theo khu phố.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False

    def save(self, commit=True):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if self.instance.pk:
            # The form has already copied its values onto the instance: compare with the row.
            stored = Household.objects.get(pk=self.instance.pk)
            data["code"] = data["code"] or stored.code
            self.instance = household_update(household=stored, by=self.user, **data)
        else:
            self.instance = household_create(by=self.user, **data)
        return self.instance


class ResidentForm(ScopedFormMixin, WagtailAdminModelForm):
    class Meta:
        model = Resident
        fields = ["household", "full_name", "birth_year", "phone", "consent_to_messages"]

    def save(self, commit=True):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if self.instance.pk:
            stored = Resident.objects.select_related("household").get(pk=self.instance.pk)
            self.instance = resident_update(resident=stored, by=self.user, **data)
        else:
            self.instance = resident_create(by=self.user, **data)
        return self.instance
