"""The explicit Arrow type of the ``wenlint`` column (Parquet output, Ray),
generated from the field list of the JSON finding object."""

from __future__ import annotations

from functools import lru_cache

from wenlint.results import COMPACT_FINDING_FIELDS, FINDING_FIELDS, FieldType
from wenlint.signals import NAMES as SIGNAL_NAMES


def arrow_type(kind: FieldType):
    """The Arrow type of a field of :mod:`wenlint.results`' field lists."""
    import pyarrow as pa

    if isinstance(kind, str):
        return getattr(pa, kind)()
    if isinstance(kind, list):
        (item,) = kind
        return pa.list_(arrow_type(item))
    return pa.struct([(name, arrow_type(inner)) for name, inner in kind])


@lru_cache(maxsize=8)
def wenlint_type(
    letters: tuple[str, ...] | list[str], fixed_text: bool, full_findings: bool = False, recipe: bool = False
):
    """``struct<score, counts: struct<letter...>, signals: struct<name: double...>, rules: map<code, n>,
    findings: list<finding>[, fixed_text][, recipe: struct<keep, reasons>]>``; a finding is the compact
    finding, or with ``full_findings`` the JSON finding object without ``filename`` (and no ``rules``)."""
    import pyarrow as pa

    fields = [
        ("score", pa.int32()),
        ("counts", pa.struct([(letter, pa.int32()) for letter in letters])),
        ("signals", pa.struct([(name, pa.float64()) for name in SIGNAL_NAMES])),
    ]
    if full_findings:
        finding = tuple(field for field in FINDING_FIELDS if field[0] != "filename")
    else:
        finding = COMPACT_FINDING_FIELDS
        fields.append(("rules", pa.map_(pa.string(), pa.int32())))
    fields.append(("findings", arrow_type([finding])))
    if fixed_text:
        fields.append(("fixed_text", pa.string()))
    if recipe:
        fields.append(("recipe", pa.struct([("keep", pa.bool_()), ("reasons", pa.list_(pa.string()))])))
    return pa.struct(fields)
