"""``python -m wenlint``."""

import sys

from wenlint.cli import main

sys.exit(main())
