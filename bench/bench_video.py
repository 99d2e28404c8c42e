"""Benchmark: all renditions of a 60-second 720p clip must be ready within 60 seconds.

Run from anywhere: ``.venv/bin/python bench/bench_video.py``. No Django needed. Exits 1
when over budget so CI can run it. The clip is synthetic (testsrc2 + a sine tone), which is
easier to encode than real handheld footage, so leave headroom below the budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import imageio_ffmpeg  # noqa: E402

from learning.video import Rendition, probe, transcode_all  # noqa: E402

CLIP_SECONDS = 60
CLIP_SIZE = "1280x720"
BUDGET_SECONDS = 60.0


def make_source_clip(path: Path) -> Path:
    """A phone-like source: 720p30 H.264 High at ~2.5 Mbit/s with 48 kHz stereo audio."""
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={CLIP_SIZE}:rate=30:duration={CLIP_SECONDS}",
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency=440:sample_rate=48000:duration={CLIP_SECONDS}",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-crf",
        "23",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-ac",
        "2",
        "-b:a",
        "128k",
        str(path),
    ]
    subprocess.run(command, check=True, timeout=600)
    return path


def describe(name: str, rendition: Rendition) -> str:
    return (
        f"video.{name} {rendition.width}x{rendition.height} "
        f"{rendition.size_bytes / 1024:.0f} KiB {rendition.total_kbps:.0f} kbit/s"
    )


def load_average() -> str:
    try:
        return " ".join(f"{load:.2f}" for load in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-video-") as scratch:
        source = make_source_clip(Path(scratch) / "source-720p.mp4")
        info = probe(source)
        print(f"video.source {info.width}x{info.height} {info.duration_seconds:.1f} s")
        started = time.perf_counter()
        result = transcode_all(source, Path(scratch) / "out")
        elapsed = time.perf_counter() - started
        print(
            f"video.transcode_{CLIP_SECONDS}s_720p_seconds {elapsed:.1f} "
            f"(budget {BUDGET_SECONDS:.0f})"
        )
        print(describe("standard", result.standard))
        print(describe("save_data", result.save_data))
        print(f"video.poster {result.poster.stat().st_size / 1024:.0f} KiB")
        print(f"video.cpus {os.cpu_count()} load_average {load_average()}")
    if elapsed > BUDGET_SECONDS:
        print(f"OVER BUDGET by {elapsed - BUDGET_SECONDS:.1f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
