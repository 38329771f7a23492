"""The names of the report formats, apart from the reporters, so that the
command line's arguments can offer them without loading any reporter."""

#: The ``--output-format`` choices; all but the first two are machine formats, always written in UTF-8.
FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "rdjson", "gitlab")
TEXT_FORMATS = FORMATS[:2]
