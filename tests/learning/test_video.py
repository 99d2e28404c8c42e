"""Transcoding for cheap phones on weak 3G: sizes, codecs, bitrate caps and bad uploads.

Clips are generated with the same ffmpeg binary (lavfi test sources), kept short so the
whole module runs in seconds. No Django needed.
"""

from __future__ import annotations

import logging
import re
import struct
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from learning.video import (
    Rendition,
    TranscodeResult,
    VideoError,
    make_poster,
    probe,
    transcode,
    transcode_all,
)

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
NOT_A_VIDEO_MESSAGE = "Tệp tải lên không phải là video hoặc đã bị hỏng."
STANDARD_CAP_KBPS = 400
SAVE_DATA_CAP_KBPS = 220  # "~200 kbit/s" in the design doc


# --- helpers ------------------------------------------------------------------------------


def ffmpeg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FFMPEG, "-nostdin", "-hide_banner", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )


def make_clip(
    path: Path,
    *,
    size: str = "1280x720",
    seconds: float = 2,
    rate: int = 30,
    audio: bool = True,
    pattern: str = "testsrc",
    extra: tuple[str, ...] = (),
) -> Path:
    video = f"{pattern}=size={size}:rate={rate}:duration={seconds}"
    args = ["-y", "-f", "lavfi", "-i", video]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]
        args += ["-c:a", "aac", "-ac", "2"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", *extra, str(path)]
    completed = ffmpeg(*args)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return path


def stream_summary(path: Path) -> str:
    """What `ffmpeg -i` says about a file (it exits 1 because there is no output; fine)."""
    return ffmpeg("-i", str(path)).stderr


def video_line(path: Path) -> str:
    return next(line for line in stream_summary(path).splitlines() if "Video:" in line)


def audio_lines(path: Path) -> list[str]:
    return [line for line in stream_summary(path).splitlines() if "Audio:" in line]


def top_level_boxes(path: Path) -> list[str]:
    """Types of the top-level MP4 boxes, in file order."""
    data = path.read_bytes()
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            (size,) = struct.unpack(">Q", data[offset + 8 : offset + 16])
        elif size == 0:
            size = len(data) - offset
        assert size >= 8, f"corrupt box at {offset}"
        boxes.append(kind.decode("latin-1"))
        offset += size
    return boxes


def jpeg_dimensions(path: Path) -> tuple[int, int]:
    """Width and height from the JPEG's start-of-frame marker."""
    data = path.read_bytes()
    assert data[:3] == b"\xff\xd8\xff" and data[-2:] == b"\xff\xd9"
    offset = 2
    while offset < len(data):
        marker, length = data[offset + 1], struct.unpack(">H", data[offset + 2 : offset + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    raise AssertionError("no start-of-frame marker")


def measured_kbps(rendition: Rendition) -> float:
    return rendition.path.stat().st_size * 8 / 1000 / rendition.duration_seconds


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clips")


@pytest.fixture(scope="module")
def hd_clip(clips: Path) -> Path:
    """5 s of 720p with stereo audio and the GPS tag phones write."""
    return make_clip(
        clips / "hd.mp4",
        seconds=5,
        extra=("-metadata", "location=+10.7769+106.7009/"),
    )


@pytest.fixture(scope="module")
def hd_result(hd_clip: Path, tmp_path_factory: pytest.TempPathFactory) -> TranscodeResult:
    return transcode_all(hd_clip, tmp_path_factory.mktemp("hd-out"))


@pytest.fixture(scope="module")
def busy_result(clips: Path, tmp_path_factory: pytest.TempPathFactory) -> TranscodeResult:
    """Full-frame noise: CRF 32 alone would need ~3 Mbit/s, so only the cap keeps it small."""
    busy = make_clip(
        clips / "busy.mp4",
        size="640x360",
        seconds=5,
        pattern="testsrc2",
        extra=("-vf", "noise=alls=60:allf=t+u", "-crf", "18"),
    )
    return transcode_all(busy, tmp_path_factory.mktemp("busy-out"))


# --- the 360p / 240p / poster set -----------------------------------------------------------


def test_standard_rendition_is_360p_with_even_width(hd_result: TranscodeResult) -> None:
    assert (hd_result.standard.width, hd_result.standard.height) == (640, 360)
    assert "640x360" in video_line(hd_result.standard.path)


def test_save_data_rendition_is_240p_with_even_width(hd_result: TranscodeResult) -> None:
    assert hd_result.save_data.height == 240
    assert hd_result.save_data.width % 2 == 0
    assert abs(hd_result.save_data.width / 240 - 16 / 9) < 0.02


@pytest.mark.parametrize("rendition", ["standard", "save_data"])
def test_video_is_h264_baseline(hd_result: TranscodeResult, rendition: str) -> None:
    line = video_line(getattr(hd_result, rendition).path)
    assert re.search(r"Video: h264 \((Constrained )?Baseline\)", line), line
    assert "yuv420p" in line


@pytest.mark.parametrize("rendition", ["standard", "save_data"])
def test_audio_is_mono_aac(hd_result: TranscodeResult, rendition: str) -> None:
    (line,) = audio_lines(getattr(hd_result, rendition).path)
    assert "Audio: aac (LC)" in line
    assert "mono" in line
    assert re.search(r"\b3[0-3] kb/s", line), line


@pytest.mark.parametrize("rendition", ["standard", "save_data"])
def test_index_comes_before_media_for_progressive_playback(
    hd_result: TranscodeResult, rendition: str
) -> None:
    boxes = top_level_boxes(getattr(hd_result, rendition).path)
    assert boxes.index("moov") < boxes.index("mdat"), boxes


def test_poster_is_a_jpeg_scaled_like_the_standard_rendition(hd_result: TranscodeResult) -> None:
    assert hd_result.poster.suffix == ".jpg"
    assert jpeg_dimensions(hd_result.poster) == (640, 360)


def test_durations_and_sizes_are_reported(hd_result: TranscodeResult) -> None:
    for rendition in (hd_result.standard, hd_result.save_data):
        assert rendition.duration_seconds == pytest.approx(5, abs=0.2)
        assert rendition.size_bytes == rendition.path.stat().st_size > 0
    assert hd_result.save_data.size_bytes < hd_result.standard.size_bytes


def test_no_partial_files_are_left_behind(hd_result: TranscodeResult) -> None:
    assert not list(hd_result.standard.path.parent.glob("*.part"))


def test_phone_location_metadata_is_stripped(hd_clip: Path, hd_result: TranscodeResult) -> None:
    assert "location" in stream_summary(hd_clip)  # the fixture really carries it
    assert "location" not in stream_summary(hd_result.standard.path)
    assert "location" not in stream_summary(hd_result.save_data.path)


def test_busy_clip_stays_under_the_bitrate_caps(busy_result: TranscodeResult) -> None:
    assert measured_kbps(busy_result.standard) <= STANDARD_CAP_KBPS
    assert measured_kbps(busy_result.save_data) <= SAVE_DATA_CAP_KBPS
    # The cap, not CRF, decided the size: otherwise this test proves nothing.
    assert measured_kbps(busy_result.standard) > STANDARD_CAP_KBPS / 2


# --- awkward but valid sources --------------------------------------------------------------


def test_clip_without_audio(clips: Path, tmp_path: Path) -> None:
    silent = make_clip(clips / "silent.mp4", audio=False)
    assert probe(silent).has_audio is False

    result = transcode_all(silent, tmp_path)

    assert result.standard.height == 360
    assert audio_lines(result.standard.path) == []
    assert audio_lines(result.save_data.path) == []


def test_four_by_three_keeps_its_aspect(clips: Path, tmp_path: Path) -> None:
    old_phone = make_clip(clips / "4x3.mp4", size="640x480")

    rendition = transcode(old_phone, tmp_path)

    assert (rendition.width, rendition.height) == (480, 360)


def test_small_source_is_not_upscaled(clips: Path, tmp_path: Path) -> None:
    small = make_clip(clips / "small.mp4", size="320x240")

    result = transcode_all(small, tmp_path)

    assert (result.standard.width, result.standard.height) == (320, 240)
    assert (result.save_data.width, result.save_data.height) == (320, 240)
    assert jpeg_dimensions(result.poster) == (320, 240)


def test_portrait_phone_clip_gets_360_on_its_short_side(clips: Path, tmp_path: Path) -> None:
    stored_landscape = make_clip(clips / "landscape.mp4", size="960x540")
    rotated = clips / "rotated.mp4"
    remux = ffmpeg(
        "-y", "-display_rotation", "90", "-i", str(stored_landscape), "-c", "copy", str(rotated)
    )
    assert remux.returncode == 0, remux.stderr[-2000:]
    assert (probe(rotated).width, probe(rotated).height) == (540, 960)

    rendition = transcode(rotated, tmp_path)

    assert (rendition.width, rendition.height) == (360, 640)


def test_sixty_fps_is_halved(clips: Path, tmp_path: Path) -> None:
    fast = make_clip(clips / "60fps.mp4", size="640x360", rate=60)

    rendition = transcode(fast, tmp_path)

    assert " 30 fps" in video_line(rendition.path)


def test_webm_without_duration_in_header_is_measured(clips: Path) -> None:
    recorded = clips / "browser.webm"
    completed = ffmpeg(
        "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=3",
        "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
        "-live", "1", "-f", "webm", str(recorded),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Duration: N/A" in stream_summary(recorded)

    assert probe(recorded).duration_seconds == pytest.approx(3, abs=0.1)


def test_poster_of_a_clip_shorter_than_a_second(clips: Path, tmp_path: Path) -> None:
    blink = make_clip(clips / "blink.mp4", seconds=0.5)

    poster = make_poster(blink, tmp_path / "poster.jpg")

    assert jpeg_dimensions(poster) == (640, 360)


# --- bad uploads ------------------------------------------------------------------------


def test_text_file_renamed_mp4_is_rejected_in_vietnamese(tmp_path: Path) -> None:
    fake = tmp_path / "bai-giang.mp4"
    fake.write_text("Đây không phải video.\n", encoding="utf-8")

    with pytest.raises(VideoError) as caught:
        transcode_all(fake, tmp_path / "out")

    assert caught.value.message == NOT_A_VIDEO_MESSAGE
    assert str(caught.value) == NOT_A_VIDEO_MESSAGE


@pytest.mark.parametrize("index_first", [False, True], ids=["moov-at-end", "faststart"])
def test_truncated_mp4_is_rejected(clips: Path, tmp_path: Path, index_first: bool) -> None:
    extra = ("-movflags", "+faststart") if index_first else ()
    whole = make_clip(clips / f"whole-{index_first}.mp4", size="640x360", seconds=4, extra=extra)
    truncated = tmp_path / "upload.mp4"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    out_dir = tmp_path / "out"

    with pytest.raises(VideoError) as caught:
        transcode_all(truncated, out_dir)

    assert caught.value.message == NOT_A_VIDEO_MESSAGE
    assert not out_dir.exists() or not list(out_dir.iterdir())


def test_failure_logs_ffmpeg_detail_not_shown_to_users(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = tmp_path / "clip.mp4"
    fake.write_bytes(b"\x00" * 4096)

    with caplog.at_level(logging.WARNING, logger="learning.video"), pytest.raises(VideoError):
        probe(fake)

    assert "Invalid data found" in caplog.text
    assert "Invalid data" not in NOT_A_VIDEO_MESSAGE
