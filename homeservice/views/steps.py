"""Taking a step from a staff page (the field app or the officer's admin view)."""

from django.contrib import messages
from django.utils.translation import gettext as _

from homeservice.forms import StepForm
from homeservice.lifecycle import Status, StepRefused
from homeservice.services import request_advance


def take_step(http_request, service_request):
    """Returns (form, ok). A refusal keeps what the user typed in the form."""
    form = StepForm(http_request.POST, request=service_request)
    if not form.is_valid():
        return form, False
    data = form.cleaned_data
    try:
        request_advance(
            request=service_request,
            to=data["to"],
            by=http_request.user,
            appointment_at=data["appointment_at"],
            documents_taken=data["documents"],
            dossier_number=data["dossier_number"],
            reason=data["reason"],
        )
    except StepRefused as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.reason)
        return form, False
    messages.success(
        http_request, _("Đã ghi bước “%(step)s”.") % {"step": Status(data["to"]).label}
    )
    return form, True
