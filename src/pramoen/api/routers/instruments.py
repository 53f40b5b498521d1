"""Instruments: the shipped library, each version's canonical document and lint findings, and
scoring answers against one (pure computation: nothing is stored)."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from pramoen.accounts.enums import ApiScope
from pramoen.api.auth import auth
from pramoen.api.errors import ApiError, error_responses
from pramoen.api.pagination import Pages
from pramoen.core.instrument_store import instrument_pinned
from pramoen.instruments import (
    AnswersInvalid,
    CompileError,
    Instrument,
    UnknownInstrument,
    canonical_json,
    get_instrument,
    lint,
    score,
    shipped_ids,
    version_hash,
)

router = Router(tags=["instruments"], auth=auth())

HASH = r"^[0-9a-f]{64}$"
INSTRUMENT_ID = r"^[a-z0-9][a-z0-9-]{0,99}$"
UNKNOWN = "ไม่พบแบบประเมินนี้ในคลังแบบประเมินของระบบ"


class InstrumentOut(Schema):
    id: str
    version: str
    version_hash: str
    kind: str
    program: str
    title_th: str


class FindingOut(Schema):
    severity: str
    code: str
    path: str
    location: str
    message_th: str
    message_en: str


class InstrumentDocumentOut(InstrumentOut):
    document: dict[str, Any] = Field(description="เอกสารมาตรฐาน (canonical) ที่ใช้คำนวณแฮช")
    findings: list[FindingOut]


class ScoreIn(Schema):
    answers: dict[str, Any] = Field(
        description="คำตอบตามรูปแบบของแบบประเมิน (instrument, fields, indicators)"
    )
    version_hash: str | None = Field(None, pattern=HASH, description="รุ่นที่ตรึงไว้ (ไม่ระบุ = รุ่นปัจจุบัน)")


class GateOut(Schema):
    id: str
    title_th: str
    status: str


class IndicatorOut(Schema):
    path: str
    number: str | None
    title_th: str
    applicable: bool
    points: str
    maximum: str
    level: str | None
    level_label_th: str | None
    passed: bool | None
    explanation_th: str


class ComponentOut(Schema):
    path: str
    number: str | None
    title_th: str
    applicable: bool
    points: str
    maximum: str
    indicators: list[IndicatorOut]


class MessageOut(Schema):
    path: str
    code: str
    message_th: str


class ScoreOut(Schema):
    instrument: str
    version: str
    version_hash: str
    total: str = Field(description="คะแนนรวมแบบตรงตัว (Decimal ไม่ปัดเศษ)")
    total_display: str
    maximum: str
    passed: bool | None
    tier: str | None
    tier_label_th: str
    gates: list[GateOut]
    components: list[ComponentOut]
    warnings: list[MessageOut]


def _summary(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "version": str(instrument.version),
        "version_hash": version_hash(instrument),
        "kind": str(instrument.kind),
        "program": str(instrument.program or ""),
        "title_th": instrument.title_th,
    }


def _instrument(instrument_id: str, pinned_hash: str | None) -> Instrument:
    try:
        if pinned_hash:
            return instrument_pinned(instrument_id, pinned_hash)
        return get_instrument(instrument_id)
    except (UnknownInstrument, ValidationError) as exc:
        raise ApiError(404, UNKNOWN) from exc


@router.get(
    "", response={200: list[InstrumentOut], **error_responses()}, url_name="instrument_list"
)
@paginate(Pages)
def instrument_list(request: HttpRequest) -> Any:
    return [_summary(get_instrument(i)) for i in shipped_ids()]


@router.get(
    "/{instrument_id}",
    response={200: InstrumentDocumentOut, **error_responses()},
    url_name="instrument_detail",
)
def instrument_detail(
    request: HttpRequest,
    instrument_id: str = Path(..., pattern=INSTRUMENT_ID),
    version_hash: str | None = Query(None, pattern=HASH),
) -> Any:
    instrument = _instrument(instrument_id, version_hash)
    return {
        **_summary(instrument),
        "document": json.loads(canonical_json(instrument)),
        "findings": [f.to_dict() for f in lint(instrument)],
    }


@router.post(
    "/{instrument_id}/score",
    response={200: ScoreOut, **error_responses()},
    auth=auth(ApiScope.SCORE),
    url_name="instrument_score",
)
def instrument_score(
    request: HttpRequest, body: ScoreIn, instrument_id: str = Path(..., pattern=INSTRUMENT_ID)
) -> Any:
    """Score answers against the instrument (exact Decimal, as strings); nothing is stored."""
    instrument = _instrument(instrument_id, body.version_hash)
    try:
        result = score(instrument, body.answers)
    except AnswersInvalid as exc:
        errors = [
            {"loc": ["answers", *str(e.path).split(".")], "message": e.message_th}
            for e in exc.errors
        ]
        raise ApiError(422, "คำตอบไม่ตรงกับแบบประเมิน", errors) from exc
    except CompileError as exc:
        raise ApiError(422, "แบบประเมินนี้คำนวณคะแนนไม่ได้") from exc
    return result.to_dict()
