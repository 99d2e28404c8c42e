"""Wagtail admin forms for teams and their members; saving goes through teams.services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from teams.models import Team, TeamMember
from teams.services import TeamError, team_create, team_member_add, team_update
from teams.services.teams import check_can_join
from wards.models import Area, Ward


class TeamForm(WagtailAdminModelForm):
    class Meta:
        model = Team
        fields = ["ward", "name", "areas"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        self.fields["ward"].queryset = Ward.objects.for_user(for_user)
        self.fields["areas"].queryset = Area.objects.for_user(for_user).select_related("ward")
        self.fields["areas"].required = True
        if self.instance.pk:
            self.fields["ward"].disabled = True

    def clean(self):
        data = super().clean()
        ward, areas = data.get("ward"), data.get("areas")
        if ward and areas and any(area.ward_id != ward.pk for area in areas):
            self.add_error("areas", _("Chỉ chọn khu phố của phường đã chọn."))
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        if self.instance.pk:
            return team_update(
                team=self.instance, name=data["name"], areas=list(data["areas"]), by=self.user
            )
        # The admin's views read the saved object from the form's instance.
        self.instance = team_create(
            ward=data["ward"], name=data["name"], areas=data["areas"], by=self.user
        )
        return self.instance


class TeamMemberForm(WagtailAdminModelForm):
    class Meta:
        model = TeamMember
        fields = ["team", "user", "role", "areas"]
        widgets = {"areas": forms.CheckboxSelectMultiple}
        help_texts = {
            "areas": _("Tổ trưởng phụ trách mọi khu phố của tổ. Để trống: mọi khu phố của tổ.")
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        self.fields["team"].queryset = Team.objects.for_user(for_user)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["areas"].queryset = Area.objects.for_user(for_user).select_related("ward")
        self.fields["areas"].required = False
        if self.instance.pk:
            self.fields["team"].disabled = True
            self.fields["user"].disabled = True

    def clean(self):
        data = super().clean()
        team, user, areas = data.get("team"), data.get("user"), data.get("areas")
        if team and user:
            try:
                check_can_join(user, team.ward)
            except TeamError as error:
                self.add_error("user", error.messages[0])
            outside = [area for area in areas or () if not team.areas.filter(pk=area.pk).exists()]
            if outside:
                self.add_error("areas", _("Chỉ chọn khu phố của tổ."))
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = team_member_add(
            team=data["team"],
            user=data["user"],
            role=data["role"],
            areas=list(data["areas"]) or None,
            by=self.user,
        )
        return self.instance
