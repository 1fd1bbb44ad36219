"""``python -m casus``: the same as the ``casus`` command."""

from casus.cli import app

app(prog_name="casus")
