"""The lexicon the typo rules (T family) share.

Words with frequencies, which words are idioms, which pairs and triples of
characters occur inside words, which three characters begin a longer word, and
which characters sound or look alike. Nothing is
downloaded: the lexicon is built on first use from installed packages and
shipped data, then cached under the user cache directory (platformdirs) and
loaded once per process:

- jieba's ``dict.txt``: 349k words with newspaper frequencies, idioms tagged
  `i` (MIT). Read from the package's files; the lexicon never imports jieba.
- wordfreq's large Chinese list: web-era frequencies (data CC BY-SA 4.0).
  Read from the package's files; nothing derived from it is shipped.
- pypinyin's readings of characters (MIT).
- ``data/typo_shape.tsv``: characters of similar shape, derived from
  pycorrector's stroke tables (Apache-2.0; see ``data/NOTICE-typo.md``).

Building takes a few seconds and ~300 MB; the cache is written atomically,
processes starting together build it once (a lock beside it), and where it
cannot be written the lexicon is built in memory.

Modules: ``query`` (looking words up: :class:`Lexicon`), ``build`` (reading
the sources), ``cache`` (loading and storing: :func:`lexicon`), ``view``
(what the rules work out about one document, shared through
:func:`typo_view`, and :func:`in_script`). The names the rules use are
imported here.
"""

from wenlint_rules.typo.lexicon.build import known_typos
from wenlint_rules.typo.lexicon.cache import lexicon
from wenlint_rules.typo.lexicon.query import (
    CLOSE_SHAPE,
    COMMON_WORD,
    FUZZY_SOUND,
    LOOSE_SHAPE,
    MAX_WORD,
    OTHER_TONE,
    PENALTY,
    SAME_SOUND,
    UNKNOWN_CHAR_COST,
    Lexicon,
)
from wenlint_rules.typo.lexicon.view import Gap, TypoView, in_script, typo_view

__all__ = [
    "CLOSE_SHAPE",
    "COMMON_WORD",
    "FUZZY_SOUND",
    "LOOSE_SHAPE",
    "MAX_WORD",
    "OTHER_TONE",
    "PENALTY",
    "SAME_SOUND",
    "UNKNOWN_CHAR_COST",
    "Gap",
    "Lexicon",
    "TypoView",
    "in_script",
    "known_typos",
    "lexicon",
    "typo_view",
]
