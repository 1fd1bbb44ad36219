"""casus — defence treaties as cited, computable data.

Who is bound to defend whom, why, and what happens next. The public API is re-exported
from the modules that own each concept; start with :func:`casus.model.registry.load_registry`
and :func:`casus.reasoner.obligations_on` (docs/architecture.md draws the layout).
"""

__version__ = "0.1.0"
