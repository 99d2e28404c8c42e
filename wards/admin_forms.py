"""Wagtail admin forms for areas, households and residents; saving goes through wards.services, so
the admin writes what every other path writes: the audit entry and the change-feed mark."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from wards import scoping
from wards.areas import area_create, area_update
from wards.models import Area, Household, Resident
from wards.phones import InvalidPhone, normalise_phone
from wards.services import household_create, household_update, resident_create, resident_update


def scope_choices(form, user):
    """Limit every choice of a model (a foreign key, many-to-many) to what `user` may see.

    Each field whose queryset has `for_user` is narrowed, so a ward's staff are never offered
    another ward's ward, area, household, team or account, and a posted id of one is an invalid
    choice. Applied to every add / edit form of the admin's scoped viewsets.
    """
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if hasattr(queryset, "for_user"):
            field.queryset = queryset.for_user(user)
        elif queryset.model is get_user_model():
            field.queryset = scoping.users_for(user, queryset)
    return form


class ScopedFormMixin:
    """Choices of wards, areas and households limited to what the signed-in user may see."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        if "area" in self.fields:
            self.fields["area"].queryset = Area.objects.for_user(for_user)
        if "household" in self.fields:
            self.fields["household"].queryset = Household.objects.for_user(for_user)
        scope_choices(self, for_user)

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


class AreaForm(ScopedFormMixin, WagtailAdminModelForm):
    """The ward is chosen once: an area never moves, its households carry the ward too."""

    class Meta:
        model = Area
        fields = ["ward", "name", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["ward"]

    def clean(self):
        """The code is unique in its ward; on edit the ward is not a field, so Django's own
        check of the constraint would skip it and the database would refuse instead."""
        cleaned = super().clean()
        ward = self.instance.ward if self.instance.pk else cleaned.get("ward")
        code = cleaned.get("code")
        if ward and code:
            taken = Area.objects.filter(ward=ward, code=code).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("code", _("Phường đã có khu phố mang mã này."))
        return cleaned

    def save(self, commit=True):
        name, code = self.cleaned_data["name"], self.cleaned_data["code"]
        if self.instance.pk:
            stored = Area.objects.get(pk=self.instance.pk)
            self.instance = area_update(area=stored, by=self.user, name=name, code=code)
        else:
            ward = self.cleaned_data["ward"]
            self.instance = area_create(ward=ward, name=name, code=code, by=self.user)
        return self.instance
