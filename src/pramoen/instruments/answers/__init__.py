"""Answers documents: validation with precise, bilingual errors, and empty templates.

An answers document is JSON keyed by stable ids (see docs/instruments.md)::

    {"instrument": "...", "fields": {...}, "indicators": {"c1.i1": {"checked": [1, 2]}},
     "eligibility": {"<instrument id>": true}, "evidence": {"<slot>": [{"file": .., "pages": ..}]}}

Every error names the answer path (``indicators.c1.i1.checked[2]``) and says what is wrong in
Thai and English: unknown id, wrong type, item number out of range, level outside the scale,
missing required answer.

Modules: ``specs`` (what each indicator expects, per instrument), ``validator`` (the checks),
``document`` (:func:`validate_answers`, :func:`answers_template`). Import from this package.
"""

from pramoen.instruments.answers.document import (
    answers_template,
    indicator_errors,
    validate_answers,
)
from pramoen.instruments.answers.specs import (
    ANSWER_KEY,
    TOP_LEVEL_KEYS,
    answer_key,
    effective_rule_kind,
)
from pramoen.instruments.answers.validator import AnswerError

__all__ = [
    "ANSWER_KEY",
    "TOP_LEVEL_KEYS",
    "AnswerError",
    "answer_key",
    "answers_template",
    "effective_rule_kind",
    "indicator_errors",
    "validate_answers",
]
