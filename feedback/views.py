"""Public pages: the rating link, the inline rating, the petition form, “Bạn nói — phường làm”.

The rating page sets no cookie and carries no CSRF token, so it is cached and served fast to
people arriving from a text message: the signed token in its URL is what the form proves, and a
cross-site page cannot know it. The inline rating (a procedure page, a finished lesson) sits on
cached pages too; it writes only an anonymous rating, rate-limited per client. The petition form,
which takes text, a photo and a phone, keeps Django's CSRF check.
"""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from config.ratelimit import rate_limited
from feedback import tokens
from feedback.forms import InlineRatingForm, PetitionForm, RatingForm
from feedback.models import Petition, RatingRequest
from feedback.services.petitions import petition_create
from feedback.services.ratings import RatingRefused, rating_submit
from wards.models import Ward

PAGE_SECONDS = 300


def _ward(request) -> Ward:
    ward = Ward.for_request(request)
    if ward is None:
        raise Http404(_("Không tìm thấy phường của trang này."))
    return ward


def _page_key(token: str) -> str:
    return f"feedback:rate:{get_language()}:{token}"


def _refusal(request, message, status):
    return render(request, "feedback/refused.html", {"message": message}, status=status)


def _rating_request(request, token):
    """(rating request, None) or (None, refusal response)."""
    request_id = tokens.read(token)
    found = (
        RatingRequest.objects.filter(pk=request_id).select_related("ward").first()
        if request_id
        else None
    )
    if found is None:
        return None, _refusal(
            request, _("Đường dẫn đánh giá không đúng. Hãy mở lại đường dẫn trong tin nhắn."), 404
        )
    if found.status == RatingRequest.Status.ANSWERED:
        return None, _refusal(
            request, _("Đường dẫn này đã được dùng để đánh giá. Cảm ơn bạn!"), 409
        )
    if found.expires_at <= timezone.now():
        return None, _refusal(request, _("Đường dẫn đánh giá đã hết hạn."), 410)
    return found, None


def _cacheable(response, seconds=60):
    response["Cache-Control"] = f"public, max-age={seconds}"
    return response


@csrf_exempt
@rate_limited("feedback-rate", limit=20, window_seconds=600)
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request, token):
    if request.method != "POST":
        cached = cache.get(_page_key(token))
        if cached is not None:
            status, content = cached
            return _cacheable(HttpResponse(content, status=status))
    found, refusal = _rating_request(request, token)
    if refusal is not None:
        response = refusal
    elif request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                rating_submit(ward=found.ward, request=found, **form.cleaned_data)
            except RatingRefused as refused:
                return _refusal(request, refused.message, refused.status)
            cache.delete(_page_key(token))
            return redirect("feedback:thanks", permanent=False)
        return render(request, "feedback/rate.html", {"form": form, "served": found}, status=400)
    else:
        response = render(request, "feedback/rate.html", {"form": RatingForm(), "served": found})
    if request.method != "POST":
        cache.set(_page_key(token), (response.status_code, response.content), PAGE_SECONDS)
        return _cacheable(response)
    return response


def thanks(request):
    return _cacheable(render(request, "feedback/thanks.html"), 3600)


@csrf_exempt
@require_POST
@rate_limited("feedback-inline", limit=10, window_seconds=600)
def rate_inline(request):
    ward = _ward(request)
    form = InlineRatingForm(request.POST)
    if not form.is_valid():
        return render(request, "feedback/rate_inline.html", {"form": form}, status=400)
    data = dict(form.cleaned_data)
    kind, ref, back = data.pop("kind"), data.pop("ref"), data.pop("next")
    rating_submit(
        ward=ward,
        kind=kind,
        ref=ref,
        procedure_id=int(ref) if kind == "procedure" else None,
        **data,
    )
    return render(request, "feedback/thanks.html", {"back": back or "/"})


@rate_limited("feedback-petition", limit=5, window_seconds=600)
def petition_new(request):
    ward = _ward(request)
    if request.method == "POST":
        form = PetitionForm(request.POST, request.FILES, ward=ward)
        if form.is_valid():
            data = form.cleaned_data
            source = Petition.Source.POSTER if data.pop("from_poster") else Petition.Source.FORM
            petition = petition_create(ward=ward, source=source, **data)
            request.session["feedback_sent"] = petition.pk
            return redirect("feedback:petition_sent")
        return render(request, "feedback/petition_form.html", {"form": form}, status=400)
    # The poster's QR code opens `?qr=1`: the inbox can then say how many came from the posters.
    form = PetitionForm(ward=ward, initial={"from_poster": request.GET.get("qr") == "1"})
    return render(request, "feedback/petition_form.html", {"form": form})


def petition_sent(request):
    number = request.session.get("feedback_sent")
    return render(request, "feedback/petition_sent.html", {"number": number})


def public_answers(request):
    ward = _ward(request)
    items = (
        Petition.objects.filter(ward=ward)
        .published()
        .select_related("category", "area")
        .order_by("-answered_at")[:100]
    )
    return _cacheable(render(request, "feedback/public_answers.html", {"items": items}))


def form_url() -> str:
    return reverse("feedback:petition")
