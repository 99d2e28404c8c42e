"""A published lesson with 3 screenshots and a video: weight on the wire and pages per second.

Weight: the HTML as Django serves it (uncompressed: the conservative figure) plus the CSS and JS
as WhiteNoise serves them to a phone (brotli / gzip), then the same plus the pictures a 360 px
screen loads (screenshots and the video's poster). Load: gunicorn with 2 workers, 16 clients,
for citizens without a cookie and for returning learners with their cookies (both answered by
the shared page cache), and, for information, the learner's small progress fetch.
"""

import http.cookiejar
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import WRK_P95, gunicorn, load, manage, prepared_site, report  # noqa: E402

LESSON_PATH = "/vneid/bai-do-kiem/"
# Runs inside `manage.py shell`: a lesson like the issue's, 3 screenshots and the demo video.
MAKE_LESSON = """
import uuid
from wagtail.images import get_image_model
from learning.models import LessonPage, TopicIndexPage, Video
topic = TopicIndexPage.objects.get(slug="vneid", library_topic__isnull=False)
images = list(get_image_model().objects.order_by("id")[:3])
video = Video.objects.get(status="ready")
def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}
def item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}
answers = [item({"text": t, "correct": i == 0, "explanation": "Giải thích ngắn cho câu này."})
           for i, t in enumerate(["Chỉ mình bạn", "Người gọi điện xưng công an", "Hàng xóm"])]
body = [
    block("text", "<p>VNeID là ứng dụng định danh điện tử. Bài này chỉ cách cài đặt.</p>"),
    block("video", {"video": video.pk, "caption": "Xem video 8 giây"}),
    block("steps", [item({"title": f"Bước số {n}", "caption": "Làm theo hình bên dưới.",
                          "image": image.pk}) for n, image in enumerate(images, 1)]),
    block("tip", "Cần giúp? Hỏi tổ công nghệ số cộng đồng."),
    block("warning", "Không cho ai biết mật khẩu và mã OTP."),
    block("try_it", {"url": "https://vneid.gov.vn", "label": "Mở trang VNeID"}),
    block("quiz", [item({"question": f"Câu hỏi {n}?", "answers": answers}) for n in range(3)]),
]
if not LessonPage.objects.filter(slug="bai-do-kiem").exists():
    page = LessonPage(title="Bài đo kiểm", slug="bai-do-kiem", summary="Ba ảnh và một video.",
                      body=body, milestone="vneid_level1")
    topic.add_child(instance=page)
    page.save_revision().publish()
"""


def prepare_lesson(env: dict) -> None:
    manage("shell", "-c", MAKE_LESSON, env=env)


def page_files(base: str, path: str) -> tuple[list[str], list[str]]:
    """(HTML, CSS and JS) and (pictures) a 360 px screen loads for the page."""
    html = urllib.request.urlopen(base + path).read().decode()
    code = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    pictures = re.findall(r'<img[^>]+src="([^"]+)"', html) + re.findall(r'poster="([^"]+)"', html)
    return [base + path] + [base + url for url in code], [base + url for url in pictures]


def wire_bytes(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


def load_with_cookie(url: str, cookie: str, *, clients: int = 16, seconds: int = 10) -> dict:
    """wrk with a learner's cookie: the shared page cache is bypassed, as for a real learner."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_P95)
    out = subprocess.run(
        [shutil.which("wrk"), "-t2", f"-c{clients}", f"-d{seconds}s", "-s", script.name,
         "-H", f"Cookie: {cookie}", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    Path(script.name).unlink()
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
    }


def learner_cookie(base: str) -> str:
    """A real learner: one progress event gives the hoc_id cookie (and the CSRF cookie)."""
    page = urllib.request.urlopen(base + LESSON_PATH).read().decode()
    lesson_id = re.search(r'data-lesson-id="(\d+)"', page).group(1)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = json.loads(opener.open(base + "/hoc/ma-bao-ve/").read())["token"]
    event = {"events": [{"lesson": int(lesson_id), "kind": "start"}]}
    opener.open(
        urllib.request.Request(
            base + "/hoc/tien-do/",
            data=json.dumps(event).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": token},
        )
    )
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def main() -> int:
    ok = True
    with prepared_site() as env:
        prepare_lesson(env)
        with gunicorn(env) as base:
            url = base + LESSON_PATH
            code, pictures = page_files(base, LESSON_PATH)
            html = len(urllib.request.urlopen(url).read()) / 1024
            first_load = html + sum(wire_bytes(item) for item in code[1:]) / 1024
            with_pictures = first_load + sum(wire_bytes(item) for item in pictures) / 1024
            print(f"    {len(pictures)} pictures: {', '.join(Path(p).name for p in pictures)}")
            ok &= report("lesson.html_kb (raw, uncompressed)", html, "KB", "-", True)
            ok &= report(
                "lesson.html_css_js_first_load_kb", first_load, "KB", "<= 60", first_load <= 60
            )
            ok &= report(
                "lesson.with_pictures_360px_kb", with_pictures, "KB", "<= 150", with_pictures <= 150
            )

            load(url, seconds=3)  # warm up
            result = load(url, clients=16, seconds=10)
            ok &= report(
                "lesson.requests_per_second (no cookie)",
                result["rps"],
                "req/s",
                ">= 500",
                result["rps"] >= 500,
            )
            ok &= report(
                "lesson.p95_ms (gunicorn 2w, 16 clients)",
                result["p95_ms"],
                "ms",
                "< 50",
                result["p95_ms"] < 50,
            )
            ok &= report("lesson.errors", result["errors"], "", "0", result["errors"] == 0)

            # A returning learner: the same cached page, then the small fetch of their progress.
            cookie = learner_cookie(base)
            load_with_cookie(url, cookie, seconds=3)  # warm up
            learner = load_with_cookie(url, cookie)
            ok &= report(
                "lesson.requests_per_second (learner cookie)",
                learner["rps"],
                "req/s",
                ">= 1000",
                learner["rps"] >= 1000,
            )
            ok &= report(
                "lesson.p95_ms (learner cookie)",
                learner["p95_ms"],
                "ms",
                "< 30",
                learner["p95_ms"] < 30,
            )
            lesson_id = re.search(
                r'data-lesson-id="(\d+)"', urllib.request.urlopen(url).read().decode()
            )
            fetch = load_with_cookie(f"{base}/hoc/tien-do/?bai={lesson_id.group(1)}", cookie)
            report(
                "lesson.progress_fetch_rps (learner cookie)", fetch["rps"], "req/s", "info", True
            )
            report("lesson.progress_fetch_p95_ms", fetch["p95_ms"], "ms", "info", True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
