"""Run `python -m server`, the same as the `tavle` command."""

import sys

from server.cli import main

sys.exit(main())
