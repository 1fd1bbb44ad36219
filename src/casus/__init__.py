"""casus — defence treaties as cited, computable data.

Who is bound to defend whom, why, and what happens next. The public API is re-exported
from the modules that own each concept; start with :func:`casus.registry.load_registry`.
"""

__version__ = "0.1.0"
