"""Ward-level screens: the console outbox, channel accounts, sending rules and opt-outs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import services
from campaigns.admin_forms import ChannelAccountForm, MessagingPolicyForm, OptOutForm
from campaigns.admin_views.base import AdminPage, chosen_ward, staff_wards
from campaigns.channels import channel_class, channel_keys
from campaigns.models import ChannelAccount, MessagingPolicy, OptOut, OptOutSource, Recipient
from campaigns.outbound import webhook_url
from wards.phones import display_phone


class Outbox(AdminPage):
    """Messages the console channel 'sent': what residents would have read, newest first."""

    page_title = gettext_lazy("Hộp thư thử nghiệm")
    template_name = "campaigns/admin/outbox.html"
    permission = "campaigns.view_recipient"

    def get(self, request):
        rows = (
            Recipient.objects.for_user(request.user)
            .filter(channel_account__channel="console", sent_at__isnull=False)
            .select_related("campaign", "resident", "area")
            .order_by("-sent_at", "-id")
        )
        page = Paginator(rows, 50).get_page(request.GET.get("p"))
        for row in page:
            row.phone_display = display_phone(row.phone)
        return self.render(page=page)


class ChannelList(AdminPage):
    page_title = gettext_lazy("Kênh gửi tin")
    template_name = "campaigns/admin/channel_list.html"
    permission = "campaigns.change_channelaccount"

    def get(self, request):
        wards = staff_wards(request.user)
        accounts = ChannelAccount.objects.for_user(request.user).filter(ward__in=wards)
        kinds = [(key, channel_class(key).label) for key in channel_keys()]
        return self.render(accounts=accounts, kinds=kinds, wards=wards)


def webhook_urls(account: ChannelAccount) -> list[tuple[str, str]]:
    """What staff paste into the provider's console, as the channel describes it."""
    url = webhook_url(account)
    return account.channel_class.setup_urls(url) if url else []


class ChannelEdit(AdminPage):
    template_name = "campaigns/admin/channel_form.html"
    permission = "campaigns.change_channelaccount"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("pk")
        if pk:
            self.account = (
                ChannelAccount.objects.for_user(request.user)
                .filter(ward__in=staff_wards(request.user), pk=pk)
                .first()
            )
            if self.account is None:
                raise Http404
            self.ward, self.channel_key = self.account.ward, self.account.channel
        else:
            self.account = None
            self.ward = chosen_ward(request)
            self.channel_key = request.GET.get("kenh") or request.POST.get("kenh")
            if self.channel_key not in channel_keys():
                raise Http404

    def get_page_title(self):
        if self.account:
            return str(self.account)
        return _("Thêm kênh: %(kind)s") % {"kind": channel_class(self.channel_key).label}

    def extra_breadcrumbs(self):
        return [{"url": reverse("campaigns_admin:channels"), "label": _("Kênh gửi tin")}]

    def form(self, data=None):
        return ChannelAccountForm(data, channel_key=self.channel_key, account=self.account)

    def context(self, form):
        return {
            "form": form,
            "account": self.account,
            "channel_key": self.channel_key,
            "ward": self.ward,
            "webhooks": webhook_urls(self.account) if self.account else [],
        }

    def get(self, request, pk=None):
        return self.render(**self.context(self.form()))

    def post(self, request, pk=None):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(status=400, **self.context(form))
        account = self.account or ChannelAccount(ward=self.ward, channel=self.channel_key)
        services.channel_account_save(
            account=account,
            by=request.user,
            settings=form.settings_values(),
            secrets=form.secret_values(),
            name=form.cleaned_data["name"],
            rate_per_second=form.cleaned_data["rate_per_second"],
            price_per_segment=form.cleaned_data["price_per_segment"],
            is_active=form.cleaned_data["is_active"],
        )
        messages.success(request, _("Đã lưu kênh “%(name)s”.") % {"name": account.name})
        return redirect("campaigns_admin:channel_edit", account.pk)


class PolicyEdit(AdminPage):
    page_title = gettext_lazy("Quy định gửi tin")
    template_name = "campaigns/admin/policy_form.html"
    permission = "campaigns.change_messagingpolicy"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.ward = chosen_ward(request)

    def get(self, request):
        form = MessagingPolicyForm(instance=MessagingPolicy.for_ward(self.ward))
        return self.render(form=form, ward=self.ward, wards=staff_wards(request.user))

    def post(self, request):
        form = MessagingPolicyForm(request.POST, instance=MessagingPolicy.for_ward(self.ward))
        if not form.is_valid():
            return self.render(
                status=400, form=form, ward=self.ward, wards=staff_wards(request.user)
            )
        services.messaging_policy_save(ward=self.ward, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu quy định gửi tin."))
        return redirect(reverse("campaigns_admin:policy") + f"?ward={self.ward.pk}")


class OptOutList(AdminPage):
    page_title = gettext_lazy("Danh sách từ chối nhận tin")
    template_name = "campaigns/admin/opt_outs.html"
    permission = "campaigns.view_optout"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.ward = chosen_ward(request)

    def context(self, form):
        entries = OptOut.objects.for_user(self.request.user).filter(ward=self.ward)
        page = Paginator(entries, 50).get_page(self.request.GET.get("p"))
        for entry in page:
            entry.phone_display = display_phone(entry.phone)
        return {"form": form, "page": page, "ward": self.ward}

    def get(self, request):
        return self.render(**self.context(OptOutForm()))

    def post(self, request):
        if not request.user.has_perm("campaigns.add_optout"):
            raise Http404
        form = OptOutForm(request.POST)
        if not form.is_valid():
            return self.render(status=400, **self.context(form))
        services.opt_out_record(
            ward=self.ward, phone=form.cleaned_data["phone"], source=OptOutSource.STAFF
        )
        messages.success(request, _("Đã thêm số vào danh sách từ chối."))
        return redirect(reverse("campaigns_admin:opt_outs") + f"?ward={self.ward.pk}")
