"""Lint an instrument: everything that is ambiguous, inconsistent or unscorable.

Severity policy: **error** only when the instrument cannot be scored (undefined references, levels
without points that a rule uses, duplicate ids, unparsable expressions …); everything else is a
**warning** (overlapping/identical/gapped bands, unreachable bands, stated maxima ≠ computed,
proportions that do not add up, duplicate or skipped printed numbers, declared defects of the
official form, reported with their resolution) or **info**.

A finding detected on a node that already declares a defect with the same ``code`` is the
acknowledged defect: it is reported once, with that defect's resolution.

Modules: ``findings`` (:class:`Finding`), ``linter`` (state and reporting), and the passes
``nodes``, ``references``, ``rules``, ``maxima``, ``tier_rules``, run in a fixed order by
:func:`lint`.
"""

from __future__ import annotations

from typing import Any

from pramoen.instruments.lint.findings import SEVERITY_ORDER, Finding, Severity, has_errors
from pramoen.instruments.lint.linter import Linter
from pramoen.instruments.lint.maxima import check_maxima
from pramoen.instruments.lint.nodes import check_duplicates, check_level_points, check_numbering
from pramoen.instruments.lint.references import check_references, check_texts, compile_or_report
from pramoen.instruments.lint.rules import check_rules, check_tiers
from pramoen.instruments.lint.tier_rules import check_gates, check_tier_rules
from pramoen.instruments.schema import Instrument

__all__ = ["Finding", "Severity", "has_errors", "lint"]


def lint(instrument: Instrument) -> list[Finding]:
    """All findings for ``instrument``, errors first."""
    linter = Linter(instrument)
    linter.collect_defects()
    check_duplicates(linter)
    compiled = compile_or_report(linter)
    check_references(linter)
    check_level_points(linter)
    check_texts(linter)
    check_numbering(linter)
    check_rules(linter)
    check_maxima(linter, compiled)
    check_tiers(linter)
    check_tier_rules(linter)
    check_gates(linter)
    linter.declared_defects()
    unique: dict[tuple[Any, ...], Finding] = {}
    for finding in linter.findings:
        unique.setdefault(
            (finding.severity, finding.code, finding.path, finding.message_en), finding
        )
    return sorted(unique.values(), key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.code))
