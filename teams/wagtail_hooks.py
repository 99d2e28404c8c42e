"""Teams in the Wagtail admin: ward admins set up teams, their areas and members.

Lists and objects are read through for_user(); saving and deleting go through teams.services,
which keep the members' ward memberships (what wards.scoping reads) in step.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup

from teams.admin_forms import TeamForm, TeamMemberForm
from teams.models import Team, TeamMember
from teams.services import team_delete, team_member_remove
from wards.wagtail_hooks import ScopedModelViewSet


class TeamDeleteView(DeleteView):
    def delete_action(self):
        team_delete(team=self.object, by=self.request.user)


class TeamMemberDeleteView(DeleteView):
    def delete_action(self):
        team_member_remove(place=self.object, by=self.request.user)


class TeamViewSet(ScopedModelViewSet):
    model = Team
    icon = "group"
    menu_label = _("Tổ công nghệ số")
    list_display = ["name", "ward"]
    search_fields = ["name"]
    delete_view_class = TeamDeleteView

    def get_form_class(self, for_update=False):
        return TeamForm


class TeamMemberViewSet(ScopedModelViewSet):
    model = TeamMember
    icon = "user"
    menu_label = _("Thành viên tổ")
    list_display = ["user", "team", "role"]
    list_filter = ["team", "role"]
    delete_view_class = TeamMemberDeleteView

    def get_form_class(self, for_update=False):
        return TeamMemberForm


class TeamsGroup(ViewSetGroup):
    menu_label = _("Tổ công nghệ số")
    menu_icon = "group"
    menu_order = 215
    # Not "teams": that URL namespace belongs to the field app.
    items = (
        TeamViewSet("team_admin", url_prefix="to-cong-nghe-so"),
        TeamMemberViewSet("team_member_admin", url_prefix="thanh-vien-to"),
    )


@hooks.register("register_admin_viewset")
def register_teams():
    return TeamsGroup()


@hooks.register("qr_procedure_area_teams")
def procedure_area_teams(area):
    """A procedure page names the teams that walk the visitor's area."""
    return list(Team.objects.filter(ward_id=area.ward_id, areas=area).distinct())
