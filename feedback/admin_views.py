"""The staff inbox in the Wagtail admin: overdue first, one petition's page, the QR poster."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.admin_forms import PetitionEditForm
from feedback.models import Petition
from feedback.services.petitions import ALLOWED, MoveRefused, petition_move, petition_update
from qr.posters import PosterSpec, render_posters
from qr.shortlinks import short_link_base
from wards import scoping
from wards.models import Ward
from wards.phones import display_phone, mask_phone
from wards.roles import WARD_WIDE_PERSONAL_DATA

VIEW, CHANGE = "feedback.view_petition", "feedback.change_petition"
STATUS_FILTERS = ("open", *Petition.Status.values, "all")


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _phone_for(user, petition) -> str:
    if not petition.phone:
        return ""
    if WARD_WIDE_PERSONAL_DATA & scoping.roles(user, petition.ward):
        return display_phone(petition.phone)
    return mask_phone(petition.phone)


def inbox(request):
    _require(request, VIEW)
    shown = request.GET.get("trang_thai", "open")
    if shown not in STATUS_FILTERS:
        shown = "open"
    petitions = Petition.objects.for_user(request.user).select_related(
        "category", "area", "assignee"
    )
    if shown == "open":
        petitions = petitions.open()
    elif shown != "all":
        petitions = petitions.filter(status=shown)
    page = Paginator(petitions.inbox_order(), 50).get_page(request.GET.get("p"))
    filters = [("open", _("Chưa trả lời"))] + list(Petition.Status.choices) + [("all", _("Tất cả"))]
    return render(
        request,
        "feedback/admin/inbox.html",
        {
            "page": page,
            "shown": shown,
            "filters": filters,
            "now": timezone.now(),
            "overdue": Petition.objects.for_user(request.user).overdue().count(),
            "by_source": _by_source(request.user),
            "wards": Ward.objects.for_user(request.user),
        },
    )


def _by_source(user) -> list[tuple[str, int]]:
    """How petitions came in (the form, the poster's QR code, a rating's message), for the
    staff to see whether the posters are read."""
    counts = dict(
        Petition.objects.for_user(user)
        .values("source")
        .annotate(n=Count("pk"))
        .values_list("source", "n")
        .order_by()
    )
    return [(label, counts.get(value, 0)) for value, label in Petition.Source.choices]


def petition_detail(request, pk):
    _require(request, VIEW)
    petition = get_object_or_404(
        Petition.objects.for_user(request.user).select_related(
            "ward", "category", "area", "rating"
        ),
        pk=pk,
    )
    moves = sorted(ALLOWED[petition.status], key=list(Petition.Status.values).index)
    initial = {
        "assignee": petition.assignee,
        "category": petition.category,
        "answer": petition.answer,
        "public_text": petition.public_text,
        "published": petition.published,
    }
    status = 200
    if request.method == "POST":
        _require(request, CHANGE)
        form = PetitionEditForm(request.POST, petition=petition, moves=moves, initial=initial)
        if form.is_valid():
            try:
                _apply(petition, form.cleaned_data, request.user)
            except MoveRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Đã lưu góp ý #%(number)s.") % {"number": petition.pk})
                return redirect("feedback_petition", pk=petition.pk)
        status = 400
    else:
        form = PetitionEditForm(petition=petition, moves=moves, initial=initial)
    return render(
        request,
        "feedback/admin/petition.html",
        {"petition": petition, "form": form, "phone": _phone_for(request.user, petition)},
        status=status,
    )


@transaction.atomic
def _apply(petition, data, user):
    """Fields first (the answer is saved before the move sends it), publishing last; all or none."""
    fields = {
        "assignee": data["assignee"],
        "category": data["category"],
        "answer": data["answer"],
        "public_text": data["public_text"],
    }
    petition = petition_update(petition=petition, by=user, **fields)
    if data["move_to"]:
        petition = petition_move(
            petition=petition, to=data["move_to"], by=user, answer=data["answer"]
        )
    if data["published"] != petition.published:
        petition_update(petition=petition, by=user, published=data["published"])


def poster(request, ward_pk):
    """The A4 “Góp ý cho phường” poster of one ward, through qr's poster printing."""
    _require(request, VIEW)
    ward = get_object_or_404(Ward.objects.for_user(request.user), pk=ward_pk)
    paper = request.GET.get("kho", "A4")
    if paper not in ("A3", "A4", "A5"):
        paper = "A4"
    spec = PosterSpec(
        ward_name=ward.name,
        procedure_name=_("Góp ý cho phường"),
        online_level_label=_("Phản ánh, kiến nghị · không cần ghi tên"),
        short_url=f"{short_link_base(ward)}/gop-y/?qr=1",
        placement_label=_("Quét mã để gửi góp ý, xem phường trả lời"),
    )
    response = HttpResponse(render_posters([spec], paper=paper), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gop-y-{ward.slug}-{paper}.pdf"'
    return response
