"""The public "Nhờ tổ công nghệ số giúp" form, opened from a procedure page or a lesson."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from config.ratelimit import rate_limited
from homeservice.forms import HelpForm
from homeservice.lifecycle import StepRefused
from homeservice.models import ServiceRequest
from homeservice.services import request_create
from wards.models import Household, Resident, Ward
from wards.parsing import bounded_id


def _known(area, phone):
    """The household (and person) this phone belongs to in the area, so the team sees who it is."""
    resident = (
        Resident.objects.filter(household__area=area, phone=phone)
        .select_related("household")
        .order_by("pk")
        .first()
    )
    if resident is not None:
        return resident.household, resident
    return Household.objects.filter(area=area, phone=phone).order_by("pk").first(), None


def _procedure(ward, raw):
    from qr.models import Procedure

    pk = bounded_id(raw)  # "²" is a digit to str.isdigit(), not to int()
    if pk is None:
        return None
    return Procedure.objects.active().filter(ward=ward, pk=pk).first()


@never_cache
@rate_limited("homeservice-help", limit=5, window_seconds=600)
def help_form(request):
    ward = Ward.for_request(request)
    if ward is None:
        raise Http404
    procedure = _procedure(ward, request.POST.get("procedure") or request.GET.get("thu-tuc"))
    if request.method != "POST":
        initial = {
            "procedure": procedure.pk if procedure else "",
            "need": procedure.name if procedure else "",
        }
        form = HelpForm(ward=ward, initial=initial)
        return render(request, "homeservice/help_form.html", {"form": form, "procedure": procedure})
    form = HelpForm(request.POST, ward=ward)
    if form.is_valid():
        data = form.cleaned_data
        relative = data["who"] == HelpForm.FOR_RELATIVE
        household, resident = _known(data["area"], data["phone"])
        try:
            created = request_create(
                ward=ward,
                area=data["area"],
                household=household,
                resident=resident,
                source=ServiceRequest.Source.RELATIVE
                if relative
                else ServiceRequest.Source.PUBLIC_PAGE,
                consent=data["consent"],
                procedure_id=data["procedure"] or None,
                need=data["need"],
                contact_name=data["name"],
                contact_phone=data["phone"],
                asked_by=data["asked_by"] if relative else "",
            )
        except StepRefused as refusal:
            shown = refusal.field in form.fields and refusal.field != "procedure"
            form.add_error(refusal.field if shown else None, refusal.reason)
        else:
            return render(request, "homeservice/help_done.html", {"created": created})
    return render(
        request, "homeservice/help_form.html", {"form": form, "procedure": procedure}, status=400
    )
