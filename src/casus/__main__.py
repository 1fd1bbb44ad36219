"""``python -m casus``: the same as the ``casus`` command."""

import sys

from casus.cli import app

try:
    app(prog_name="casus")
except KeyboardInterrupt:  # Ctrl-C before a command started (while importing)
    sys.stderr.write("interrupted (Ctrl-C)\n")
    sys.exit(130)
