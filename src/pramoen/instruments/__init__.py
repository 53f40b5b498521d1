"""Pramoen instrument engine: official evaluation forms as declarative, linted, exactly scored data.

Pure Python: importing this package must never import Django (a test enforces it).

    instrument = get_instrument("nara2-school-academic")      # or load_instrument(path)
    errors = validate_answers(instrument, answers)             # [] when valid
    result = score(instrument, answers)                        # ScoreResult, Decimal throughout
    findings = lint(instrument)                                # errors only if unscorable
    version_hash(instrument)                                   # stored with every result
"""

from pramoen.instruments.answers import AnswerError, answers_template, validate_answers
from pramoen.instruments.hashing import canonical_json, version_hash
from pramoen.instruments.lint import Finding, has_errors, lint
from pramoen.instruments.loader import (
    LIBRARY_DIR,
    InstrumentLoadError,
    library_files,
    load_instrument,
    parse_instrument,
)
from pramoen.instruments.registry import (
    UnknownInstrument,
    get_instrument,
    instrument_path,
    shipped_ids,
)
from pramoen.instruments.schema import Instrument, OverrideError, apply_overrides
from pramoen.instruments.scoring import (
    AnswersInvalid,
    CompiledInstrument,
    CompileError,
    ScoreResult,
    applicable_evidence,
    compile_instrument,
    score,
)

load = load_instrument

__all__ = [
    "LIBRARY_DIR",
    "AnswerError",
    "AnswersInvalid",
    "CompileError",
    "CompiledInstrument",
    "Finding",
    "Instrument",
    "InstrumentLoadError",
    "OverrideError",
    "ScoreResult",
    "UnknownInstrument",
    "answers_template",
    "applicable_evidence",
    "apply_overrides",
    "canonical_json",
    "compile_instrument",
    "get_instrument",
    "has_errors",
    "instrument_path",
    "library_files",
    "lint",
    "load",
    "load_instrument",
    "parse_instrument",
    "score",
    "shipped_ids",
    "validate_answers",
    "version_hash",
]
