"""Run ffmpeg on untrusted uploads and read what a file is: the gate every video passes first.

We drive the ffmpeg binary shipped by ``imageio-ffmpeg`` (no system package to install).
It ships without ffprobe, so ``probe`` reads the stream summary ``ffmpeg -i`` prints.
``learning.video`` encodes the renditions with the same runner.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
from functools import cache
from pathlib import Path

import imageio_ffmpeg

# One logger for the whole video pipeline, whichever module noticed the failure.
logger = logging.getLogger("learning.video")

PROBE_TIMEOUT_SECONDS = 30
# The budget is ~1x real time for all renditions; allow 4x for a loaded server, plus a
# fixed allowance for process start-up and slow disks.
TIMEOUT_BASE_SECONDS = 60
TIMEOUT_SECONDS_PER_MEDIA_SECOND = 4
STDERR_LINES_TO_LOG = 20

# Uploads are untrusted: only plain container demuxers (no playlists such as HLS or
# concat that can make ffmpeg read other files) and only local files.
ALLOWED_DEMUXERS = "mov,matroska,avi,mpegts,mpeg,asf,flv"
ALLOWED_PROTOCOLS = "file"


class VideoError(Exception):
    """A video could not be processed; ``message`` is Vietnamese and safe to show in the admin.

    Technical detail (ffmpeg's stderr) goes to the log, never to the user: it is English,
    noisy and may reveal server paths.
    """

    NOT_A_VIDEO = "Tệp tải lên không phải là video hoặc đã bị hỏng."
    SERVER_FAILED = "Máy chủ chưa xử lý được video này. Vui lòng thử lại sau."

    def __init__(self, message: str = NOT_A_VIDEO) -> None:
        super().__init__(message)
        self.message = message


@dataclasses.dataclass(frozen=True)
class VideoInfo:
    """What we need to know about a source before transcoding it.

    ``width`` and ``height`` are as displayed: phone clips are often stored landscape with
    a rotation flag, and anamorphic clips have non-square pixels.
    """

    duration_seconds: float
    width: int
    height: int
    has_audio: bool


def probe(path: Path | str) -> VideoInfo:
    """Read duration, displayed size and audio presence; raise VideoError if it is no video.

    This is the gate for uploads: anything ffmpeg cannot open as a real video stream
    (text files, images, truncated MP4s without their index) is rejected here.
    """
    source = Path(path)
    completed = run_ffmpeg(input_args(source), source, timeout=PROBE_TIMEOUT_SECONDS)
    stderr = decode_stderr(completed.stderr)
    info = _parse_probe(stderr)
    if info is None:
        log_failure("probe found no video stream", source, stderr)
        raise VideoError(VideoError.NOT_A_VIDEO)
    if info.duration_seconds <= 0:
        info = _with_measured_duration(source, info)
    return info


# --- running ffmpeg ---------------------------------------------------------------------


@cache
def _ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


def run_ffmpeg(
    args: list[str], source: Path, *, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    # -nostdin: a server process has no terminal, and ffmpeg would otherwise wait on stdin.
    command = [_ffmpeg_exe(), "-nostdin", "-hide_banner", *args]
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        log_failure(f"ffmpeg timed out after {timeout:.0f} s", source, decode_stderr(exc.stderr))
        raise VideoError(VideoError.SERVER_FAILED) from exc
    except OSError as exc:
        logger.error("could not start ffmpeg %s: %s", command[0], exc)
        raise VideoError(VideoError.SERVER_FAILED) from exc


def input_args(source: Path) -> list[str]:
    # "file:" stops a name such as "http:..." or "concat:..." being read as a protocol.
    return [
        "-format_whitelist",
        ALLOWED_DEMUXERS,
        "-protocol_whitelist",
        ALLOWED_PROTOCOLS,
        "-i",
        f"file:{source.resolve()}",
    ]


def decode_stderr(stderr: bytes | str | None) -> str:
    if stderr is None:
        return ""
    if isinstance(stderr, str):
        return stderr
    return stderr.decode("utf-8", errors="replace")


def log_failure(what: str, source: Path, stderr: str) -> None:
    tail = "\n".join(stderr.strip().splitlines()[-STDERR_LINES_TO_LOG:])
    logger.warning("%s (source: %s); ffmpeg said:\n%s", what, source, tail)


def timeout_for(duration_seconds: float) -> float:
    return TIMEOUT_BASE_SECONDS + TIMEOUT_SECONDS_PER_MEDIA_SECOND * duration_seconds


# --- probing ----------------------------------------------------------------------------

_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"^\s*Stream #0:\d+\S*: (Video|Audio): (.*)$")
_SIZE = re.compile(r", (\d+)x(\d+)\b")
_SAR = re.compile(r"SAR (\d+):(\d+)")
_ROTATION = re.compile(r"display ?matrix: rotation of (-?\d+(?:\.\d+)?) degrees", re.IGNORECASE)
_PROGRESS_TIME = re.compile(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)")
# Cover art and thumbnails are stored as video streams but are single still images.
_STILL_IMAGE_MARKERS = ("(attached pic)", "(thumbnail)")


def _parse_probe(stderr: str) -> VideoInfo | None:
    if "Input #0" not in stderr:
        return None
    video_size: tuple[int, int] | None = None
    has_audio = False
    lines = stderr.splitlines()
    for index, line in enumerate(lines):
        match = _STREAM.match(line)
        if match is None:
            continue
        kind, description = match.groups()
        if kind == "Audio":
            has_audio = True
        elif video_size is None:
            video_size = _displayed_size(description, _side_data_after(lines, index))
    if video_size is None:
        return None
    width, height = video_size
    return VideoInfo(_parse_duration(stderr), width, height, has_audio)


def _side_data_after(lines: list[str], stream_index: int) -> str:
    """The indented block (metadata, side data) that belongs to the stream line."""
    block: list[str] = []
    for line in lines[stream_index + 1 :]:
        if _STREAM.match(line) or not line.startswith("    "):
            break
        block.append(line)
    return "\n".join(block)


def _displayed_size(description: str, side_data: str) -> tuple[int, int] | None:
    if any(marker in description for marker in _STILL_IMAGE_MARKERS):
        return None
    size = _SIZE.search(description)
    if size is None:
        return None
    width, height = int(size.group(1)), int(size.group(2))
    if width <= 0 or height <= 0:
        return None
    # ffmpeg prints the codec's SAR, then the container's if it differs; the last one wins.
    sars = _SAR.findall(description)
    if sars:
        numerator, denominator = (int(part) for part in sars[-1])
        if numerator > 0 and denominator > 0:
            width = round(width * numerator / denominator)
    rotation = _ROTATION.search(side_data)
    if rotation and round(float(rotation.group(1))) % 180 != 0:
        width, height = height, width
    return width, height


def _parse_duration(stderr: str) -> float:
    match = _DURATION.search(stderr)
    if match is None:  # "Duration: N/A", e.g. WebM recorded by a browser.
        return 0.0
    return _clock_to_seconds(*match.groups())


def _clock_to_seconds(hours: str, minutes: str, seconds: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _with_measured_duration(source: Path, info: VideoInfo) -> VideoInfo:
    """Find the duration of a file whose header lacks one by reading it through, unencoded."""
    completed = run_ffmpeg(
        [*input_args(source), "-map", "0:V:0", "-c", "copy", "-f", "null", "-"],
        source,
        timeout=TIMEOUT_BASE_SECONDS,
    )
    stderr = decode_stderr(completed.stderr)
    times = _PROGRESS_TIME.findall(stderr)
    duration = _clock_to_seconds(*times[-1]) if times else 0.0
    if completed.returncode != 0 or duration <= 0:
        log_failure("could not measure the duration", source, stderr)
        raise VideoError(VideoError.NOT_A_VIDEO)
    return VideoInfo(duration, info.width, info.height, info.has_audio)
