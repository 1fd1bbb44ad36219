"""``python -m casus``: the same as the ``casus`` command."""

import sys

try:
    from casus.cli import main

    main()
except KeyboardInterrupt:  # Ctrl-C (or SIGTERM) before a command started: while importing
    sys.stderr.write("interrupted (Ctrl-C)\n")
    sys.exit(130)
