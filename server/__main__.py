"""Run `python -m server`, the same as the `tavle` command."""

import sys

from .cli import main

sys.exit(main())
