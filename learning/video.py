"""Transcode uploaded videos for citizens on cheap phones over weak 3G.

Every upload becomes a 360p H.264 Baseline MP4 capped at 400 kbit/s, a 240p "save data"
rendition around 200 kbit/s and a JPEG poster. Baseline is the one profile every old
Android decodes in hardware; the bitrate caps keep playback from stalling on a weak 3G
link; ``+faststart`` puts the index first so playback starts before the download ends.

Running ffmpeg and reading what an upload is (``probe``) live in ``learning.video_probe``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path

from learning.video_probe import (
    VideoError,
    VideoInfo,
    decode_stderr,
    input_args,
    log_failure,
    probe,
    run_ffmpeg,
    timeout_for,
)

logger = logging.getLogger(__name__)

__all__ = [
    "Rendition",
    "TranscodeResult",
    "VideoError",
    "VideoInfo",
    "make_poster",
    "probe",
    "transcode",
    "transcode_all",
]

STANDARD_HEIGHT = 360
SAVE_DATA_HEIGHT = 240
# Video caps sit below the 400 kbit/s (standard) and ~200 kbit/s (save data) totals from the
# design doc to leave room for the 32 kbit/s audio, MP4 overhead and the one-second VBV
# buffer that a short, busy clip may spend on top of the cap.
STANDARD_VIDEO_KBPS = 320
SAVE_DATA_VIDEO_KBPS = 150
AUDIO_KBPS = 32
CRF = 32
# veryfast encodes both renditions of a 60 s 720p clip in well under the 60 s budget on a
# 2-core box even while it serves other work; slower presets only save a few percent
# because the bitrate cap, not the preset, decides the size.
X264_PRESET = "veryfast"
# ffmpeg already runs the decoder, the filters and each encoder in their own threads, so on
# the 2-core server one x264 thread per rendition keeps both cores busy; x264's default
# (about 1.5 threads per core, per encoder) only adds contention, memory and VBV slack.
DECODER_THREADS = 2
ENCODER_THREADS_PER_RENDITION = 1
MAX_FPS = 30
# A keyframe at least every 4 s (at <= 30 fps) so a tap on the seek bar lands close to where
# the citizen aimed without spending much of the small bitrate on I-frames.
KEYFRAME_INTERVAL_FRAMES = 120
# 48 kHz phone audio halves cleanly to 24 kHz, and at 32 kbit/s AAC-LC cannot code the
# upper band anyway, so the lower rate spends the bits on speech.
AUDIO_SAMPLE_RATE = 24000
POSTER_MAX_SECONDS = 1.0
POSTER_FRACTION = 0.1
POSTER_JPEG_QUALITY = 3  # mjpeg qscale: 2 (best) .. 31; 3 looks clean at ~20 KB for 360p.


@dataclasses.dataclass(frozen=True)
class Rendition:
    """One finished MP4, measured from the file itself rather than from what we asked for."""

    path: Path
    width: int
    height: int
    size_bytes: int
    duration_seconds: float

    @property
    def total_kbps(self) -> float:
        """Average total bitrate: what a citizen's data plan and 3G link actually pay."""
        return self.size_bytes * 8 / 1000 / max(self.duration_seconds, 0.001)


@dataclasses.dataclass(frozen=True)
class TranscodeResult:
    """Everything the player needs: two renditions to choose from and a poster to show first."""

    standard: Rendition
    save_data: Rendition
    poster: Path


@dataclasses.dataclass(frozen=True)
class _RenditionSpec:
    height: int
    video_kbps: int
    audio_kbps: int
    crf: int


STANDARD = _RenditionSpec(STANDARD_HEIGHT, STANDARD_VIDEO_KBPS, AUDIO_KBPS, CRF)
SAVE_DATA = _RenditionSpec(SAVE_DATA_HEIGHT, SAVE_DATA_VIDEO_KBPS, AUDIO_KBPS, CRF)


def transcode(
    source: Path | str,
    out_dir: Path | str,
    *,
    height: int = STANDARD_HEIGHT,
    video_kbps: int = STANDARD_VIDEO_KBPS,
    audio_kbps: int = AUDIO_KBPS,
    crf: int = CRF,
) -> Rendition:
    """Encode one rendition to ``out_dir/<stem>.<height>p.mp4``.

    ``height`` is the "p" in 360p: the shorter side of the picture, so a portrait phone clip
    becomes 360 pixels wide rather than a 202-pixel-wide sliver. Sources smaller than that
    are never upscaled; upscaling costs bits and adds no detail.
    """
    spec = _RenditionSpec(height, video_kbps, audio_kbps, crf)
    source_path = Path(source)
    info = probe(source_path)
    (rendition,) = _encode(source_path, info, Path(out_dir), [spec])
    return rendition


def make_poster(source: Path | str, out_path: Path | str, *, height: int = STANDARD_HEIGHT) -> Path:
    """Write a JPEG still, scaled like the 360p rendition, for the player to show before play.

    The frame comes from ~1 s in (or 10 % into a shorter clip) because the very first frame
    is often black or a fade-in.
    """
    source_path, target = Path(source), Path(out_path)
    info = probe(source_path)
    _write_poster(source_path, info, target, height)
    return target


def transcode_all(source: Path | str, out_dir: Path | str) -> TranscodeResult:
    """Produce the 360p and 240p renditions and the poster into ``out_dir``.

    Both renditions come from one ffmpeg run so the source is decoded only once; decoding
    720p is a large share of the work on a 2-core machine.
    """
    source_path, directory = Path(source), Path(out_dir)
    info = probe(source_path)
    standard, save_data = _encode(source_path, info, directory, [STANDARD, SAVE_DATA])
    poster = directory / f"{source_path.stem}.poster.jpg"
    _write_poster(source_path, info, poster, STANDARD.height)
    return TranscodeResult(standard=standard, save_data=save_data, poster=poster)


# --- encoding ---------------------------------------------------------------------------


def _output_size(info: VideoInfo, target: int) -> tuple[int, int]:
    """Scale so the shorter side is ``target`` (never more than the source's), both even.

    H.264 with 4:2:0 chroma needs even dimensions; rounding down keeps us from upscaling.
    """
    shorter = min(info.width, info.height)
    new_shorter = _even_floor(min(target, shorter))
    scale = new_shorter / shorter
    if info.width >= info.height:
        return _even_floor(info.width * scale), new_shorter
    return new_shorter, _even_floor(info.height * scale)


def _even_floor(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def _scale_filter(info: VideoInfo, target: int) -> str:
    width, height = _output_size(info, target)
    return f"scale={width}:{height},setsar=1"


def _filter_graph(info: VideoInfo, specs: list[_RenditionSpec]) -> str:
    # Frame rate is capped before the split so 60 fps phone clips are decoded once and
    # encoded at 30 fps: half the frames means twice the bits per frame.
    labels = [f"[split{i}]" for i in range(len(specs))]
    chains = [
        f"[0:V:0]fps=fps='min({MAX_FPS},source_fps)',split={len(specs)}{''.join(labels)}",
        *(
            # Baseline decoders only take 8-bit 4:2:0; phones may record 10-bit HDR.
            f"{label}{_scale_filter(info, spec.height)},format=yuv420p[video{i}]"
            for i, (label, spec) in enumerate(zip(labels, specs, strict=True))
        ),
    ]
    return ";".join(chains)


def _output_args(index: int, spec: _RenditionSpec, info: VideoInfo, target: Path) -> list[str]:
    audio = (
        [
            "-map",
            "0:a:0",
            "-c:a",
            "aac",
            "-b:a",
            f"{spec.audio_kbps}k",
            "-ac",
            "1",
            "-ar",
            str(AUDIO_SAMPLE_RATE),
        ]
        if info.has_audio
        else ["-an"]
    )
    return [
        "-map",
        f"[video{index}]",
        *audio,
        "-c:v",
        "libx264",
        "-preset",
        X264_PRESET,
        "-profile:v",
        "baseline",
        "-crf",
        str(spec.crf),
        # CRF alone lets busy scenes balloon; maxrate/bufsize (VBV) caps them. A one-second
        # buffer keeps every second of the stream within reach of a weak 3G link.
        "-maxrate",
        f"{spec.video_kbps}k",
        "-bufsize",
        f"{spec.video_kbps}k",
        "-g",
        str(KEYFRAME_INTERVAL_FRAMES),
        "-threads",
        str(ENCODER_THREADS_PER_RENDITION),
        # Phone clips carry GPS coordinates and device names; published videos must not.
        "-map_metadata",
        "-1",
        "-map_chapters",
        "-1",
        "-sn",
        "-dn",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(target),
    ]


def _encode(
    source: Path, info: VideoInfo, out_dir: Path, specs: list[_RenditionSpec]
) -> list[Rendition]:
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / f"{source.stem}.{spec.height}p.mp4" for spec in specs]
    if source.resolve() in {target.resolve() for target in targets}:
        raise ValueError(f"output would overwrite the source {source}")
    # Write to .part files and rename at the end so a crash never leaves a half-written
    # file under the final name for the site to serve.
    partials = [target.with_name(target.name + ".part") for target in targets]
    args = ["-y", "-loglevel", "error", "-threads", str(DECODER_THREADS), *input_args(source)]
    args += ["-filter_complex", _filter_graph(info, specs)]
    for index, (spec, partial) in enumerate(zip(specs, partials, strict=True)):
        args += _output_args(index, spec, info, partial)
    try:
        _run_checked(args, source, timeout=timeout_for(info.duration_seconds))
        measured = [_measure_rendition(partial) for partial in partials]
        for rendition in measured:
            _reject_if_truncated(source, info, rendition)
        for partial, target in zip(partials, targets, strict=True):
            os.replace(partial, target)
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)
    return [
        dataclasses.replace(rendition, path=target)
        for rendition, target in zip(measured, targets, strict=True)
    ]


def _run_checked(args: list[str], source: Path, *, timeout: float) -> None:
    completed = run_ffmpeg(args, source, timeout=timeout)
    if completed.returncode != 0:
        log_failure(
            f"ffmpeg exited with {completed.returncode}", source, decode_stderr(completed.stderr)
        )
        raise VideoError(VideoError.NOT_A_VIDEO)


def _measure_rendition(path: Path) -> Rendition:
    info = probe(path)
    return Rendition(
        path=path,
        width=info.width,
        height=info.height,
        size_bytes=path.stat().st_size,
        duration_seconds=info.duration_seconds,
    )


def _reject_if_truncated(source: Path, info: VideoInfo, rendition: Rendition) -> None:
    """A source cut short after its index (a half-finished upload) decodes "successfully"
    into a shorter clip; publishing that silently would be worse than asking for a re-upload.
    """
    expected = info.duration_seconds
    if rendition.duration_seconds < 0.9 * expected - 1.0:
        logger.warning(
            "output of %s lasts %.1f s but the source claims %.1f s; treating it as truncated",
            source,
            rendition.duration_seconds,
            expected,
        )
        raise VideoError(VideoError.NOT_A_VIDEO)


def _poster_time(duration_seconds: float) -> float:
    return min(POSTER_MAX_SECONDS, POSTER_FRACTION * duration_seconds)


def _write_poster(source: Path, info: VideoInfo, target: Path, height: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    # -ss before -i seeks in the demuxer, so only the frames since the last keyframe decode.
    args = ["-y", "-loglevel", "error", "-ss", f"{_poster_time(info.duration_seconds):.3f}"]
    args += input_args(source)
    args += ["-map", "0:V:0", "-frames:v", "1", "-vf", _scale_filter(info, height)]
    args += ["-c:v", "mjpeg", "-q:v", str(POSTER_JPEG_QUALITY), "-map_metadata", "-1"]
    args += ["-f", "image2", "-update", "1", str(partial)]
    try:
        _run_checked(args, source, timeout=timeout_for(POSTER_MAX_SECONDS))
        if not partial.exists() or partial.stat().st_size == 0:
            log_failure("ffmpeg wrote no poster frame", source, "")
            raise VideoError(VideoError.NOT_A_VIDEO)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
