"""Writing frames (re-exported from :mod:`casus._write`, which history shares)."""

from casus._write import FORMATS, write_frame

__all__ = ["FORMATS", "write_frame"]
