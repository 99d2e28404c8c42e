"""First contentful paint of a lesson (3 screenshots, a video) on a cheap phone over weak 3G.

Headless Chromium at 360×740, throttled through the Chrome DevTools Protocol: 1.6 Mbit/s down,
750 kbit/s up, 150 ms round trip, CPU 4× slower. Each run is a first visit (empty cache, no
service worker); the figure is the median of five runs. Also counts video bytes fetched before
anyone presses play (there must be none).
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_lesson import LESSON_PATH, prepare_lesson  # noqa: E402
from bench.lib import gunicorn, prepared_site, report  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
WEAK_3G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
RUNS = 5
FCP = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"


def first_contentful_paint(browser, url: str) -> tuple[float, int]:
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        service_workers="block",
    )
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    session.send("Network.emulateNetworkConditions", WEAK_3G)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    video_bytes = []
    page.on(
        "response",
        lambda response: (
            video_bytes.append(int(response.headers.get("content-length", 0)))
            if "/hoc/video/" in response.url
            else None
        ),
    )
    page.goto(url, wait_until="load")
    fcp = None
    for _ in range(50):
        fcp = page.evaluate(FCP)
        if fcp is not None:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(1000)  # anything lazy (pictures, poster) has had time to start
    context.close()
    return fcp, sum(video_bytes)


def main() -> int:
    from playwright.sync_api import sync_playwright

    ok = True
    with prepared_site() as env:
        prepare_lesson(env)
        with gunicorn(env) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            first_contentful_paint(browser, base + LESSON_PATH)  # server warm-up
            runs = [first_contentful_paint(browser, base + LESSON_PATH) for _ in range(RUNS)]
            browser.close()
    paints = [fcp for fcp, _ in runs]
    print("    runs (ms):", ", ".join(f"{fcp:.0f}" for fcp in paints))
    median = statistics.median(paints)
    ok &= report(
        "lesson.first_contentful_paint_ms (3G, 4x CPU)", median, "ms", "<= 1500", median <= 1500
    )
    video = max(bytes_ for _, bytes_ in runs)
    ok &= report("lesson.video_bytes_before_play", video, "B", "0", video == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
