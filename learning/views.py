"""Public views around the lesson pages: progress, quiz, self-report, certificate, search, video."""

import functools
import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from config.ratelimit import client_fingerprint, over_limit, rate_limited, too_many_requests
from learning import services
from learning.forms import CertificateForm, SelfReportForm
from learning.learners import ensure_learner, progress_by_lesson, remember
from learning.links import WardLessons
from learning.models import LessonPage, TopicIndexPage
from wards.models import Ward
from wards.parsing import bounded_datetime, bounded_id
from wards.translations import shown, translations_for_reader

MAX_EVENTS_PER_REQUEST = 100
PROGRESS_KINDS = {"start", "complete", "quiz"}


def limited(scope: str, setting: str):
    """config.ratelimit for POSTs, with (limit, window seconds) read from settings per request."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            limit, window = getattr(settings, setting)
            if request.method == "POST" and over_limit(
                scope, client_fingerprint(request), limit=limit, window_seconds=window
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _ward_or_404(request) -> Ward:
    ward = Ward.for_request(request)
    if ward is None:
        raise Http404
    return ward


def _lesson_on_site(request, lesson_id) -> tuple[LessonPage, str]:
    links = WardLessons(request)
    lesson = links.lessons().filter(pk=lesson_id).first()
    url = links.url(lesson) if lesson else None
    if lesson is None or url is None:
        raise Http404
    return lesson, url


# --- progress -------------------------------------------------------------------------------


def _parse_event(raw) -> dict | None:
    if not isinstance(raw, dict) or raw.get("kind") not in PROGRESS_KINDS:
        return None
    lesson = bounded_id(raw.get("lesson")) if isinstance(raw.get("lesson"), int) else None
    answers = raw.get("answers") or []
    if lesson is None or not isinstance(answers, list) or len(answers) > 50:
        return None
    if not all(answer is None or isinstance(answer, int) for answer in answers):
        return None
    at = bounded_datetime(raw.get("at"))  # impossible or absurd times: the server's own
    return {"lesson": lesson, "kind": raw["kind"], "answers": answers, "at": at}


def _progress_json(progress) -> dict:
    return {
        "status": progress.status,
        "best_correct": progress.best_correct,
        "questions": progress.questions,
    }


MAX_LESSONS_READ = 50


def progress(request):
    """GET: this learner's progress in the lessons asked for; POST: progress events."""
    if request.method == "GET":
        return progress_read(request)
    return progress_write(request)


@never_cache
def progress_read(request):
    """`?bai=12,15`: {"lessons": {"12": {"status", "best_correct", "questions"}}}, for the lesson
    page's script to fill in what the shared cached page cannot show."""
    wanted = []
    for part in request.GET.get("bai", "").split(",")[:MAX_LESSONS_READ]:
        lesson_id = bounded_id(part)
        if lesson_id is not None:
            wanted.append(lesson_id)
    rows = progress_by_lesson(request) if wanted else {}
    found = {str(pk): _progress_json(rows[pk]) for pk in wanted if pk in rows}
    return JsonResponse({"lessons": found})


@require_POST
@limited("learning-progress", "LEARNING_PROGRESS_RATE_LIMIT")
def progress_write(request):
    """Progress events from a phone, live or queued while offline: {"events": [...]}.

    Events about lessons this site no longer shows, or malformed ones, are counted as
    rejected rather than failing the batch, so a phone's queue never gets stuck.
    """
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    events = body.get("events") if isinstance(body, dict) else None
    if not isinstance(events, list) or not events or len(events) > MAX_EVENTS_PER_REQUEST:
        return JsonResponse(
            {"error": _("Dữ liệu tiến độ không hợp lệ. Vui lòng tải lại trang.")}, status=400
        )
    parsed = [_parse_event(raw) for raw in events]
    wanted = {event["lesson"] for event in parsed if event}
    lessons = {lesson.pk: lesson for lesson in WardLessons(request).lessons().filter(pk__in=wanted)}
    translations = translations_for_reader(lessons.values())
    learner = ensure_learner(request)
    saved, results = 0, {}
    for event in parsed:
        lesson = lessons.get(event["lesson"]) if event else None
        if lesson is None:
            continue
        record = services.progress_record(
            learner=learner,
            lesson=lesson,
            kind=event["kind"],
            answers=event["answers"],
            at=event["at"],
            read=translations.get(lesson.pk),
        )
        saved += 1
        results[str(lesson.pk)] = _progress_json(record)
    response = JsonResponse({"saved": saved, "rejected": len(events) - saved, "progress": results})
    return remember(request, response, learner)


def _answers(data, lesson) -> list:
    answers = []
    for index in range(len(lesson.quiz_questions)):
        try:
            answers.append(int(data.get(f"q{index}", "")))
        except ValueError:
            answers.append(None)
    return answers


@limited("learning-progress", "LEARNING_PROGRESS_RATE_LIMIT")
def quiz_submit(request, lesson_id: int):
    """The quiz without JavaScript: a GET shows every answer explained (lesson pages are shared
    and carry no CSRF token); its "Lưu kết quả" button POSTs the same answers to keep the score.
    """
    lesson, lesson_url = _lesson_on_site(request, lesson_id)
    read = shown(lesson)  # the quiz the reader answered: its English copy in English mode
    data = request.POST if request.method == "POST" else request.GET
    answers = _answers(data, read)
    correct, total = read.grade(answers)
    context = {
        "lesson": read,
        "lesson_url": lesson_url,
        "questions": [
            {"question": question, "chosen": answer}
            for question, answer in zip(read.quiz_questions, answers, strict=True)
        ],
        "answers": [(f"q{i}", answer) for i, answer in enumerate(answers) if answer is not None],
        "correct": correct,
        "total": total,
    }
    if request.method != "POST":
        return render(request, "learning/quiz_result.html", context)
    learner = ensure_learner(request)
    services.progress_record(
        learner=learner, lesson=lesson, kind="quiz", answers=answers, read=read
    )
    return remember(request, redirect(f"{lesson_url}#xong"), learner)


@limited("learning-progress", "LEARNING_PROGRESS_RATE_LIMIT")
def lesson_done(request, lesson_id: int):
    """ "Tôi đã học xong bài này" without JavaScript: a page with one button that records it."""
    lesson, lesson_url = _lesson_on_site(request, lesson_id)
    if request.method != "POST":
        return render(
            request,
            "learning/lesson_done.html",
            {"lesson": shown(lesson), "lesson_url": lesson_url},
        )
    learner = ensure_learner(request)
    services.progress_record(learner=learner, lesson=lesson, kind="complete")
    return remember(request, redirect(f"{lesson_url}#xong"), learner)


@never_cache
@require_GET
def csrf_token(request):
    """The token a phone's script sends with its progress (shared pages carry none)."""
    return JsonResponse({"token": get_token(request)})


# --- "Tôi đã làm được" ------------------------------------------------------------------------


@limited("learning-self-report", "LEARNING_SELF_REPORT_RATE_LIMIT")
def self_report(request):
    ward = _ward_or_404(request)
    lesson = None
    lesson_id = bounded_id(request.POST.get("lesson") or request.GET.get("bai"))
    if lesson_id:
        lesson = WardLessons(request).lessons().filter(pk=lesson_id).first()
    if request.method != "POST":
        initial = {"milestone": lesson.milestone, "lesson": lesson.pk} if lesson else {}
        form = SelfReportForm(ward=ward, initial=initial)
        return render(request, "learning/self_report.html", {"form": form, "lesson": lesson})
    form = SelfReportForm(request.POST, ward=ward)
    if not form.is_valid():
        return render(
            request, "learning/self_report.html", {"form": form, "lesson": lesson}, status=400
        )
    learner = ensure_learner(request)
    report, created = services.self_report_record(
        ward=ward,
        area=form.cleaned_data["area"],
        milestone=form.cleaned_data["milestone"],
        learner=learner,
        lesson=lesson,
        phone=form.cleaned_data["phone"],
        consent=form.cleaned_data["consent"],
    )
    response = render(
        request,
        "learning/self_report_done.html",
        {"report": report, "created": created, "lesson": lesson},
    )
    return remember(request, response, learner)


# --- certificate ------------------------------------------------------------------------------


def _certificate_context(request, topic_id: int) -> dict:
    topic = get_object_or_404(TopicIndexPage.objects.live(), pk=topic_id)
    topic_url = topic.get_url(request)
    if not topic_url or not topic_url.startswith("/"):  # a library topic, or another ward's
        raise Http404
    lessons = topic.lessons(request)
    progress = progress_by_lesson(request, lessons)
    for lesson in lessons:
        lesson.learner_progress = progress.get(lesson.pk)
    remaining = [
        lesson for lesson in lessons if not getattr(lesson.learner_progress, "is_completed", False)
    ]
    return {"topic": topic, "topic_url": topic_url, "lessons": lessons, "remaining": remaining}


@never_cache
def certificate(request, topic_id: int):
    """A printable encouragement for a finished topic; the name is printed, never stored."""
    context = _certificate_context(request, topic_id)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and not context["remaining"] and context["lessons"]:
        if form.is_valid():
            context.update(name=form.cleaned_data["name"], ward=Ward.for_request(request))
            return render(request, "learning/certificate.html", context)
    context["form"] = form
    return render(request, "learning/certificate_form.html", context)


@never_cache
@require_POST
@rate_limited("certificate-image", limit=20, window_seconds=600)
def certificate_image(request, topic_id: int):
    """The same certificate as a PNG to save or share; refused until every lesson is done."""
    from learning.certificate_image import certificate_png

    context = _certificate_context(request, topic_id)
    form = CertificateForm(request.POST)
    if context["remaining"] or not context["lessons"] or not form.is_valid():
        context["form"] = form
        return render(request, "learning/certificate_form.html", context, status=400)
    ward = Ward.for_request(request)
    png = certificate_png(
        ward_name=ward.name if ward else "Phường Số",
        name=form.cleaned_data["name"],
        topic=context["topic"].title,
        lessons=[lesson.title for lesson in context["lessons"]],
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="giay-khen-{topic_id}.png"'
    return response


# --- search, offline, service worker ----------------------------------------------------------


@require_GET
def search(request):
    """The old lesson search: the site-wide search answers lessons too."""
    query = request.GET.get("q", "")[:200]
    target = reverse("assistant:search")
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target, permanent=True)


@require_GET
def offline(request):
    return render(request, "offline.html")
