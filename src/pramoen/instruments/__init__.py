"""Pramoen instrument engine: official evaluation forms as declarative, linted, exactly scored data.

Pure Python: importing this package must never import Django (a test enforces it).
"""

from pramoen.instruments.loader import (
    LIBRARY_DIR,
    InstrumentLoadError,
    library_files,
    load_instrument,
    parse_instrument,
)
from pramoen.instruments.schema import Instrument, apply_overrides

__all__ = [
    "LIBRARY_DIR",
    "Instrument",
    "InstrumentLoadError",
    "apply_overrides",
    "library_files",
    "load_instrument",
    "parse_instrument",
]
