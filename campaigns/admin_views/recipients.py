"""Per-recipient delivery status as a list staff can filter, beside the CSV export."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy

from campaigns.admin_views.base import CampaignPage
from campaigns.models import Failure, Recipient
from wards.parsing import bounded_id
from wards.phones import display_phone

R = Recipient.Status


class RecipientList(CampaignPage):
    page_title = gettext_lazy("Người nhận và trạng thái gửi")
    template_name = "campaigns/admin/recipient_list.html"
    permission = "campaigns.view_recipient"

    def get(self, request, pk):
        if not request.user.has_perm("campaigns.view_recipient"):
            raise PermissionDenied
        rows = (
            Recipient.objects.for_user(request.user)
            .filter(campaign=self.campaign)
            .select_related("resident", "area", "channel_account")
            .order_by("id")
        )
        status = request.GET.get("trang_thai", "")
        failure = request.GET.get("ly_do", "")
        area = request.GET.get("khu_pho", "")
        if status in R.values:
            rows = rows.filter(status=status)
        if failure in Failure.values:
            rows = rows.filter(failure=failure)
        areas = {a.pk: a for a in self.campaign.ward.areas.order_by("name")}
        area_id = bounded_id(area)
        if area_id in areas:
            rows = rows.filter(area_id=area_id)
        page = Paginator(rows, 50).get_page(request.GET.get("p"))
        for row in page:
            row.phone_display = display_phone(row.phone)
        query = request.GET.copy()
        query.pop("p", None)
        return self.render(
            campaign=self.campaign,
            page=page,
            statuses=R.choices,
            failures=Failure.choices,
            areas=list(areas.values()),
            chosen={"status": status, "failure": failure, "area": area},
            query=query.urlencode(),
        )
