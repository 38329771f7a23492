"""The explicit Arrow type of the ``wenlint`` column (Parquet output, Ray)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8)
def wenlint_type(letters: tuple[str, ...] | list[str], fixed_text: bool):
    """``struct<score, counts: struct<letter...>, findings: list<finding>[, fixed_text]>``."""
    import pyarrow as pa

    location = pa.struct([("line", pa.int32()), ("column", pa.int32())])
    edit = pa.struct(
        [
            ("offset", pa.int64()),
            ("end_offset", pa.int64()),
            ("content", pa.string()),
            ("location", location),
            ("end_location", location),
        ]
    )
    fix = pa.struct([("applicability", pa.string()), ("message", pa.string()), ("edits", pa.list_(edit))])
    finding = pa.struct(
        [
            ("code", pa.string()),
            ("name", pa.string()),
            ("message", pa.string()),
            ("severity", pa.string()),
            ("location", location),
            ("end_location", location),
            ("offset", pa.int64()),
            ("end_offset", pa.int64()),
            ("fingerprint", pa.string()),
            ("fix", fix),
        ]
    )
    fields = [
        ("score", pa.int32()),
        ("counts", pa.struct([(letter, pa.int32()) for letter in letters])),
        ("findings", pa.list_(finding)),
    ]
    if fixed_text:
        fields.append(("fixed_text", pa.string()))
    return pa.struct(fields)
