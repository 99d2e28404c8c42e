"""The staff inbox under /admin/chien-dich/hop-thu/: residents' replies by sender, newest first."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.admin_views.base import AdminPage, staff_wards
from campaigns.inbox import answering
from campaigns.inbox.forms import AnswerForm
from campaigns.models import InboundMessage
from campaigns.notices.sending import notice_text_limit
from wards.phones import display_phone

INDEX = "campaigns_admin:inbox"
SHOWN = "resident__household__area"


def inbox_messages(user):
    """Replies the user may read: their wards, and only for roles that see residents' data."""
    return InboundMessage.objects.for_user(user).filter(ward__in=staff_wards(user))


def unread_count(user) -> int:
    return inbox_messages(user).unread().count()


def _sender(message: InboundMessage) -> dict:
    resident = message.resident
    return {
        "name": resident.full_name if resident else _("Số lạ"),
        "area": resident.household.area.name if resident else "",
        "phone": display_phone(message.phone) if message.phone else message.sender_ref,
    }


class InboxIndex(AdminPage):
    page_title = gettext_lazy("Hộp thư tin đến")
    template_name = "campaigns/admin/inbox_index.html"
    permission = "campaigns.view_inboundmessage"

    def get(self, request):
        threads = (
            inbox_messages(request.user)
            .values("ward_id", "phone", "sender_ref")
            .annotate(
                last_id=Max("id"),
                last_at=Max("received_at"),
                unread=Count("id", filter=Q(read_at__isnull=True)),
                total=Count("id"),
            )
            .order_by("-last_at", "-last_id")
        )
        page = Paginator(threads, 50).get_page(request.GET.get("p"))
        last = InboundMessage.objects.select_related(SHOWN).in_bulk(
            [row["last_id"] for row in page]
        )
        rows = [{**row, "message": last[row["last_id"]]} for row in page]
        for row in rows:
            row["sender"] = _sender(row["message"])
        return self.render(page=page, rows=rows)


class InboxThread(AdminPage):
    """One sender's replies and the staff's answers; opening it reads them."""

    template_name = "campaigns/admin/inbox_thread.html"
    permission = "campaigns.view_inboundmessage"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        message = (
            inbox_messages(request.user)
            .select_related("ward", SHOWN)
            .filter(pk=kwargs["pk"])
            .first()
        )
        if message is None:
            raise Http404
        self.message = message
        self.sender = _sender(message)

    def get_page_title(self):
        return self.sender["name"]

    def extra_breadcrumbs(self):
        return [{"url": reverse(INDEX), "label": _("Hộp thư tin đến")}]

    def form(self, data=None):
        initial = {"token": uuid.uuid4().hex}
        limit = notice_text_limit(self.message.ward)
        return AnswerForm(data, initial=initial, limit=limit)

    def context(self, form):
        thread = InboundMessage.objects.thread_of(self.message)
        timeline = [("in", m.received_at, m) for m in thread.order_by("received_at", "id")]
        timeline += [("out", n.created_at, n) for n in answering.thread_answers(self.message)]
        timeline.sort(key=lambda item: item[1])
        return {
            "message": self.message,
            "sender": self.sender,
            "timeline": timeline,
            "form": form,
            "can_answer": bool(self.message.phone)
            and self.request.user.has_perm("campaigns.change_inboundmessage"),
        }

    def get(self, request, pk):
        answering.thread_mark_read(message=self.message)
        return self.render(**self.context(self.form()))

    def post(self, request, pk):
        if not request.user.has_perm("campaigns.change_inboundmessage"):
            raise PermissionDenied
        if not self.message.phone:
            messages.error(
                request, _("Tin này không kèm số điện thoại Việt Nam nên không trả lời được.")
            )
            return self.render(status=400, **self.context(self.form()))
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Chưa gửi được. Vui lòng sửa ô báo lỗi bên dưới."))
            return self.render(status=400, **self.context(form))
        answered = answering.inbox_answer(
            message=self.message,
            by=request.user,
            text=form.cleaned_data["text"],
            token=form.cleaned_data["token"],
        )
        if answered.again:
            messages.info(request, _("Tin trả lời này đã được gửi trước đó."))
        else:
            level, text = answering.answer_outlook(answered.notice)
            getattr(messages, level)(request, text)
        return redirect("campaigns_admin:inbox_thread", self.message.pk)
