"""The bridge between stored answers and the instrument engine (one place builds the document)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError

from pramoen.instruments import answers_template, get_instrument, validate_answers, version_hash
from pramoen.instruments.scoring import CompiledInstrument, ScoreResult, compile_instrument


@lru_cache(maxsize=64)
def _compiled(instrument_id: str, pinned_hash: str) -> CompiledInstrument:
    instrument = get_instrument(instrument_id)
    if version_hash(instrument) != pinned_hash:
        # Scoring with another version would not reproduce the pinned one: refuse, in Thai.
        raise ValidationError(
            f"เกณฑ์การให้คะแนน {instrument_id} ในระบบเปลี่ยนรุ่นจากที่การประกวดกำหนดไว้ "
            "จึงคำนวณคะแนนไม่ได้ กรุณาติดต่อเจ้าหน้าที่เขตพื้นที่การศึกษา"
        )
    return compile_instrument(instrument)


def pinned_scoring(category: Any) -> CompiledInstrument:
    """The scoring instrument a group pinned, checked against its version hash."""
    return _compiled(category.scoring_instrument_id, category.scoring_instrument_hash)


def answer_shapes(compiled: CompiledInstrument) -> dict[str, dict[str, Any]]:
    """Indicator path → the empty answer it takes (``{"checked": []}``, ``{"level": None}``…).

    Indicators computed from the applicant's data take no answer and are absent.
    """
    return answers_template(compiled.instrument).get("indicators", {})


@dataclass(frozen=True, slots=True)
class Scored:
    result: ScoreResult | None
    problems: tuple[str, ...]


def document(
    *, compiled: CompiledInstrument, entry: Any, indicators: dict[str, Any], eligible: bool | None
) -> dict[str, Any]:
    """The full answers document: the applicant's fields and evidence + the judge's indicators."""
    part = (entry.answers or {}).get("scoring") or {}
    doc: dict[str, Any] = {
        "instrument": compiled.instrument.id,
        "fields": part.get("fields") or {},
        "evidence": part.get("evidence") or {},
        "indicators": indicators,
    }
    for gate in compiled.gates:
        if gate.kind == "eligibility" and gate.instrument:
            doc.setdefault("eligibility", {})[gate.instrument] = eligible
    return doc


def score_document(compiled: CompiledInstrument, doc: dict[str, Any], *, partial: bool) -> Scored:
    """Score, reporting only the judges' problems (the applicant's part was checked at entry)."""
    errors = validate_answers(compiled.instrument, doc, partial=partial)
    mine = [e for e in errors if e.path.startswith("indicators")]
    if mine:
        return Scored(None, tuple(f"{e.path}: {e.message_th}" for e in mine))
    try:
        return Scored(compiled.evaluate(doc), ())
    except (
        TypeError,
        ValueError,
        KeyError,
        ArithmeticError,
    ) as exc:  # applicant data the engine rejects
        return Scored(None, (f"คำนวณคะแนนไม่ได้: {exc}",))
