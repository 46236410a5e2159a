"""Run the command line as ``python -m aligner.cli``."""

from __future__ import annotations

import sys

from aligner.cli import main

sys.exit(main())
