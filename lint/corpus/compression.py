"""Reading compressed shards: ``.gz`` with the standard library, ``.zst``
frame after frame, so that a cut or damaged file is an error (``OSError``,
as :mod:`gzip` raises) and never reads as a shorter shard."""

from __future__ import annotations

import gzip
import io
from typing import Any, BinaryIO

from wenlint.corpus import require

#: Compressed bytes of a .zst shard unpacked at a time.
ZSTD_CHUNK = 4096


class BadZstdFile(OSError):
    """A ``.zst`` stream that ends inside a frame or is not zstd."""


def open_compressed(raw: BinaryIO, compression: str | None) -> BinaryIO:
    """The content of ``raw`` as ``compression`` (``gzip``, ``zstd`` or None) says."""
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if compression == "zstd":
        return io.BufferedReader(ZstdFrames(raw), 1 << 20)  # type: ignore[return-value]
    return raw


class ZstdFrames(io.RawIOBase):
    """The content of a ``.zst`` stream, frame after frame. A stream that ends
    inside a frame (a cut file) or holds something else raises BadZstdFile.
    Compressed bytes go in ``ZSTD_CHUNK`` at a time, which bounds what one
    call can unpack (zstd expands a byte at most ~32,000 times)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._zstandard = require("zstandard", "zstd", "reading .zst shards")
        self._decompressor = self._zstandard.ZstdDecompressor()
        self._raw = raw
        self._frame: Any = None  # the frame being read, None between frames
        self._input = b""
        self._output = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._output:
            if not self._input:
                self._input = self._raw.read(ZSTD_CHUNK)
                if not self._input:
                    if self._frame is not None:
                        raise BadZstdFile("compressed file ended before the end of its last zstd frame")
                    return 0
            if self._frame is None:
                self._frame = self._decompressor.decompressobj()
            try:
                self._output = memoryview(self._frame.decompress(self._input))
            except self._zstandard.ZstdError as error:
                raise BadZstdFile(f"not a zstd stream ({error})") from None
            self._input = b""
            if self._frame.eof:
                self._input, self._frame = self._frame.unused_data, None
        size = min(len(target), len(self._output))
        target[:size] = self._output[:size]
        self._output = self._output[size:]
        return size
