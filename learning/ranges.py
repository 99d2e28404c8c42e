"""Files served with HTTP Range support: a phone's video player seeks by asking for byte ranges."""

import os
import re

from django.http import FileResponse, HttpResponse

_RANGE = re.compile(r"^bytes=([0-9]{0,18})-([0-9]{0,18})$")  # longer is no real file
CHUNK = 64 * 1024


class _Slice:
    """A file object that stops after `length` bytes."""

    def __init__(self, handle, length: int):
        self.handle, self.remaining = handle, length

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        size = self.remaining if size < 0 else min(size, self.remaining)
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def ranged_file_response(request, path: str, content_type: str):
    size = os.path.getsize(path)
    header = request.headers.get("Range", "").strip()
    match = _RANGE.match(header) if header else None
    if header and (match is None or match.groups() == ("", "")):
        return _unsatisfiable(size)
    if match is None:
        response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
        response["Content-Length"] = str(size)
    else:
        first, last = match.groups()
        if first == "":  # "bytes=-500": the last 500 bytes
            start, end = max(0, size - int(last)), size - 1
        else:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        if start >= size or start > end:
            return _unsatisfiable(size)
        handle = open(path, "rb")  # noqa: SIM115
        handle.seek(start)
        response = FileResponse(
            _Slice(handle, end - start + 1), content_type=content_type, status=206
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _unsatisfiable(size: int) -> HttpResponse:
    response = HttpResponse(status=416)
    response["Content-Range"] = f"bytes */{size}"
    return response
