"""Bytes to Document: the one way every input is read."""

from __future__ import annotations

from wenlint.document import Document

#: How many leading bytes are searched for NUL when telling binary from text.
SNIFF_BYTES = 8192


class InputError(Exception):
    """An input that cannot be checked; the message is one line for the user."""


def decode(data: bytes, path: str = "-") -> Document:
    """Decode the bytes of one input into a Document.

    UTF-8, with or without a byte-order mark, is read; anything else raises
    :class:`InputError` saying why.
    """
    if not data:
        raise InputError("empty file, nothing to check")
    if b"\0" in data[:SNIFF_BYTES]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise InputError(
            f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start}); re-encode the file as UTF-8"
        ) from None
    return Document.from_source(text, path, encoding="utf-8")
