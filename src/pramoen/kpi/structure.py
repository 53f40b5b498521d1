"""What a KPI 10 report page shows and how it is scored, read from the instruments (pure Python).

The instruments (``src/pramoen/library/kpi10``) hold the form: consideration issues, evidence slots
with their ``applies_when`` conditions, fields, and the scoring rule. This module groups them the
way the official form prints them and builds the answers document the engine scores:

* 6-month round (seed 000 lines 4-61): the four consideration issues are the items of indicator
  ``c1.i1``; the form lists each issue's evidence under it (slot ids ``ev<issue>_<n>``).
  The reviewer marks each issue clear (ชัดเจน) or not; the clear issues are the ``checked``
  items and the rule counts them (4 → 5 … 0 → 1).
* 12-month round (lines 64-113): one consideration issue with one evidence item (the Word report);
  the score is the best-practice logic over the report's boxes 3.1.1, 3.1.2, 3.2.1 and 3.2.2. The
  reviewer marks each box clear or not; a box counts only when the ESA ticked "มี" AND the reviewer
  found it clear (the instrument's own note: "a reviewer who disagrees" must be able to act).
* The PA-challenge documents (lines 30-36, 78-84) are not scored by KPI 10.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from pramoen.instruments import Instrument, ScoreResult, score, validate_answers, version_hash
from pramoen.instruments.registry import get_instrument
from pramoen.library.kpi10 import applicable_evidence

__all__ = [
    "BEST_PRACTICE_BOXES",
    "PA_SLOTS",
    "Issue",
    "ReviewPoint",
    "RoundStructure",
    "Slot",
    "instrument_hash",
    "load",
    "round_structure",
    "score_report",
    "scoring_answers",
]

PA_SLOTS = ("ev_pa_lesson", "ev_pa_media")
PA_LESSON_SLOT = "ev_pa_lesson"
# 12-month score (seed 000 lines 89-113) reads these four boxes of the report (lines 194-206).
BEST_PRACTICE_BOXES = (
    ("esa_bp_management", "3.1.1"),
    ("esa_bp_sharing", "3.1.2"),
    ("school_bp_management", "3.2.1"),
    ("school_bp_teaching", "3.2.2"),
)
_ISSUE_SLOT_RE = re.compile(r"^ev(\d+)_")


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    label_th: str
    max_files: int | None
    condition_th: str = ""


@dataclass(frozen=True, slots=True)
class Issue:
    """A consideration issue (ประเด็นการพิจารณา) with the evidence it requires."""

    id: str
    number: str
    text_th: str
    slots: tuple[Slot, ...]
    narrative_field: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewPoint:
    """What the reviewer marks clear / not clear."""

    id: str
    number: str
    label_th: str


@dataclass(frozen=True, slots=True)
class RoundStructure:
    instrument_id: str
    kind: str
    issues: tuple[Issue, ...]
    pa_slots: tuple[Slot, ...]
    review_points: tuple[ReviewPoint, ...]
    levels: tuple[tuple[int, str], ...] = field(default=())

    def slot(self, slot_id: str) -> Slot | None:
        for issue in self.issues:
            for slot in issue.slots:
                if slot.id == slot_id:
                    return slot
        for slot in self.pa_slots:
            if slot.id == slot_id:
                return slot
        return None

    @property
    def all_slots(self) -> tuple[Slot, ...]:
        return tuple(s for issue in self.issues for s in issue.slots) + self.pa_slots


@lru_cache(maxsize=16)
def load(instrument_id: str) -> Instrument:
    return get_instrument(instrument_id)


@lru_cache(maxsize=16)
def instrument_hash(instrument_id: str) -> str:
    return version_hash(load(instrument_id))


# The KPI 10 forms were written for fiscal year 2566 (the instruments' ``version``) and are reused
# every year: "ปีงบประมาณ พ.ศ.2566" (defect ``fixed_fiscal_year``, seed 000 line 11) and the
# two-year table's "ปีการศึกษา 2565 / 2566" (defect ``fixed_academic_years``, lines 159-164). Both
# resolutions read those years relative to the fiscal year being reported.
_REPORTING_YEAR_RE = re.compile(r"(ปีงบประมาณ(?: พ\.ศ\.)? ?|ปีการศึกษา ?)(25\d\d)")


def reported_label(label: str, *, form_year: int | None, fiscal_year: int | None) -> str:
    """``label`` with the form's fiscal and academic years moved to ``fiscal_year``'s.

    Other years (the core curriculum "พุทธศักราช 2551") are not the reporting year and stay.
    """
    if fiscal_year is None or form_year is None or fiscal_year == form_year:
        return label
    shift = fiscal_year - form_year
    return _REPORTING_YEAR_RE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + shift}", label)


def _form_year(instrument: Instrument) -> int | None:
    """The fiscal year (BE) a KPI form was written for: its version, when that is a year."""
    version = str(instrument.version)
    return int(version) if version.isdigit() and len(version) == 4 else None


def _slot(raw: Any, form_year: int | None, fiscal_year: int | None) -> Slot:
    condition = ""
    if raw.applies_when is not None:
        condition = getattr(raw.applies_when, "label_th", "") or ""
    return Slot(
        id=raw.id,
        label_th=reported_label(raw.label_th, form_year=form_year, fiscal_year=fiscal_year),
        max_files=raw.max_files,
        condition_th=condition,
    )


@lru_cache(maxsize=64)
def round_structure(
    instrument_id: str,
    *,
    esa_kind: str,
    pa_challenge: bool,
    kind: str,
    fiscal_year: int | None = None,
) -> RoundStructure:
    """Issues with the evidence that applies to this ESA (primary/secondary, PA or not).

    With ``fiscal_year``, evidence labels that name the form's fixed fiscal year name that one.
    """
    instrument = load(instrument_id)
    fields = {"esa_kind": esa_kind, "pa_challenge": bool(pa_challenge)}
    year = _form_year(instrument)
    slots = [_slot(s, year, fiscal_year) for s in applicable_evidence(instrument, fields)]
    indicator = instrument.rubric.components[0].indicators[0]
    pa_slots = tuple(s for s in slots if s.id in PA_SLOTS)
    scored = [s for s in slots if s.id not in PA_SLOTS]
    field_ids = {f.id for f in instrument.form.fields}
    levels = tuple(
        (int(cast(Decimal, level.points)), level.descriptor_th or "") for level in indicator.levels
    )
    if kind == "6m":
        issues = []
        for position, item in enumerate(indicator.items, start=1):
            number = str(item.number or position)
            narrative = f"issue{number}_narrative"
            issues.append(
                Issue(
                    id=str(item.id or position),
                    number=number,
                    text_th=item.text_th,
                    slots=tuple(
                        s
                        for s in scored
                        if (m := _ISSUE_SLOT_RE.match(s.id)) and m.group(1) == number
                    ),
                    narrative_field=narrative if narrative in field_ids else None,
                )
            )
        points = tuple(ReviewPoint(i.id, i.number, i.text_th) for i in issues)
        return RoundStructure(instrument_id, kind, tuple(issues), pa_slots, points, levels)
    labels = {f.id: f.label_th for f in instrument.form.fields}
    issue = Issue(id="c1.i1", number="1", text_th=indicator.title_th, slots=tuple(scored))
    points = tuple(
        ReviewPoint(box, number, labels.get(box, box)) for box, number in BEST_PRACTICE_BOXES
    )
    return RoundStructure(instrument_id, kind, (issue,), pa_slots, points, levels)


def scoring_answers(
    instrument_id: str,
    *,
    kind: str,
    fields: Mapping[str, Any],
    marks: Mapping[str, bool | None],
    esa_kind: str,
    evidence: Mapping[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The answers document the engine scores: the ESA's fields plus the reviewer's marks."""
    instrument = load(instrument_id)
    known = {f.id for f in instrument.form.fields}
    data = {key: value for key, value in fields.items() if key in known}
    data["esa_kind"] = esa_kind
    data["pa_challenge"] = bool(data.get("pa_challenge"))
    answers: dict[str, Any] = {"instrument": instrument_id, "fields": data, "indicators": {}}
    if kind == "6m":
        checked = [issue_id for issue_id, clear in marks.items() if clear]
        answers["indicators"]["c1.i1"] = {"checked": sorted(checked)}
    else:
        for box, _number in BEST_PRACTICE_BOXES:
            data[box] = bool(data.get(box)) and bool(marks.get(box))
    if evidence:
        answers["evidence"] = dict(evidence)
    return answers


@dataclass(frozen=True, slots=True)
class ReportScore:
    points: Decimal
    level: str | None
    explanation_th: str
    descriptor_th: str
    version_hash: str


def score_report(instrument_id: str, answers: Mapping[str, Any]) -> ReportScore:
    """Score through the instrument; raises ``AnswersInvalid`` (Thai messages) when incomplete."""
    instrument = load(instrument_id)
    result: ScoreResult = score(instrument, dict(answers))
    indicator = result.indicator("c1.i1")
    descriptor = ""
    for level in instrument.rubric.components[0].indicators[0].levels:
        if level.id == indicator.level:
            descriptor = level.descriptor_th or ""
    return ReportScore(
        points=indicator.points,
        level=indicator.level,
        explanation_th=indicator.explanation_th,
        descriptor_th=descriptor,
        version_hash=result.version_hash,
    )


def answer_problems(
    instrument_id: str, answers: Mapping[str, Any], *, fiscal_year: int | None = None
) -> list[str]:
    """Thai messages for what is missing or wrong in ``answers`` (empty when complete)."""
    problems = []
    instrument = load(instrument_id)
    labels = {
        f.id: reported_label(f.label_th, form_year=_form_year(instrument), fiscal_year=fiscal_year)
        for f in instrument.form.fields
    }
    for error in validate_answers(load(instrument_id), dict(answers)):
        path = getattr(error, "path", "")
        field_id = path.split(".")[1] if path.startswith("fields.") else ""
        label = labels.get(field_id, path)
        problems.append(f"{label}: {getattr(error, 'message_th', str(error))}")
    return problems
