"""`/tim-kiem/`: one search of the ward's public site, and the citizen's "Không đúng"."""

from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from assistant import engine, services
from assistant.forms import QuestionForm, WrongAnswerForm
from assistant.models import Kind, Question
from config.ratelimit import client_fingerprint, over_limit, rate_limited
from wards.models import Ward

RESULTS = 10


@require_GET
@rate_limited("assistant-search", limit=120, window_seconds=60, methods=("GET",))
def search(request):
    data = request.GET.copy()
    data["q"] = data.get("q", "").replace("\x00", "")  # else Django refuses it in English
    form = QuestionForm(data)
    context = {"form": form, "typed": form.typed(), "query": ""}
    if not form.is_valid():
        context["error"] = form.errors["q"][0]
        return render(request, "assistant/search.html", context, status=400)
    query = form.cleaned_data["q"]
    ward = Ward.for_request(request)
    context["query"] = query
    if not query or ward is None:
        return render(request, "assistant/search.html", context)
    found = engine.answer(ward.pk, query, limit=RESULTS)
    if not found.confident and not over_limit(
        "assistant-weak", client_fingerprint(request), limit=30, window_seconds=3600
    ):
        best = found.best.doc.title if found.best else ""
        services.question_record(
            ward=ward, question=query, reason=Question.Reason.WEAK, best_title=best
        )
    best = found.best
    context.update(
        answer=found,
        best=best,
        procedures=found.group(Kind.PROCEDURE),
        lessons=found.group(Kind.LESSON),
        others=found.group(Kind.TOPIC, Kind.PAGE),
    )
    return render(request, "assistant/search.html", context)


@require_POST
@rate_limited("assistant-wrong", limit=20, window_seconds=3600)
def wrong(request):
    form = WrongAnswerForm(request.POST)
    ward = Ward.for_request(request)
    if not form.is_valid() or ward is None:
        return render(request, "assistant/wrong.html", {"refused": True}, status=400)
    services.question_record(
        ward=ward,
        question=form.cleaned_data["q"],
        reason=Question.Reason.WRONG,
        best_title=form.cleaned_data["best"],
    )
    return render(request, "assistant/wrong.html", {"query": form.cleaned_data["q"]})
