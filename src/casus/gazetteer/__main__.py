"""``python -m casus.gazetteer``: rebuild the indexes shipped in ``gazetteer/built/``
(:mod:`casus.gazetteer.shipped`), after a change to a data file, the building code or a
source package."""

import sys

from casus.gazetteer.shipped import regenerate

for written in regenerate():
    sys.stdout.write(f"{written.name} ({written.stat().st_size:,} bytes)\n")
