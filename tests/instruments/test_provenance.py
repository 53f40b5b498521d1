"""Every transcribed text is found in the official form it cites (issue 10's guard).

The director forms were once transcribed through a viewer that cut long lines, and the library
invented placeholder items ("ข้อปฏิบัติที่ ๑ (ต้นฉบับไม่ได้พิมพ์ข้อความ)") for texts the seed does
print. ``pramoen.instruments.provenance`` finds each component title, indicator title, item text and
level label/descriptor in the source lines its node cites; a text the form does not print must be
marked ``esa_text: true`` and carry a defect with a resolution.
"""

from __future__ import annotations

import pytest

from pramoen.instruments import get_instrument, lint, shipped_ids
from pramoen.instruments.provenance import check_provenance, normalise, unfound_texts
from pramoen.instruments.schema import Instrument

from .helpers import one_indicator

SEEDED = [i for i in shipped_ids() if not i.startswith("example")]


@pytest.mark.parametrize("instrument_id", SEEDED)
def test_every_transcribed_text_is_in_its_cited_source_lines(instrument_id: str) -> None:
    missing = unfound_texts(get_instrument(instrument_id))
    assert [(c.path, c.lines, c.text) for c in missing] == []


@pytest.mark.parametrize("instrument_id", SEEDED)
def test_every_text_not_printed_carries_a_resolution(instrument_id: str) -> None:
    findings = lint(get_instrument(instrument_id))
    assert [f.render() for f in findings if f.code == "esa_text_unresolved"] == []


def test_no_library_text_is_a_placeholder() -> None:
    texts = [c.text for i in SEEDED for c in check_provenance(get_instrument(i))]
    assert [t for t in texts if "ไม่ได้พิมพ์" in t] == []


def _director_row(item_text: str, **item: object) -> Instrument:
    # Director preliminary ๑.๓ (seed 003 line 366): three printed items.
    instrument = one_indicator(
        {"kind": "item_count_bands", "bands": [{"points": 1, "min": 1}]},
        indicator={
            "title_th": "การครองคน - การเสริมสร้างความสามัคคีและ ร่วมกิจกรรมของหมู่คณะทั้งในและ นอกหน่วยงาน",
            "source": "seed:003_be8cf020a0793ad8#366",
            "items": [
                {"number": "๑", "text_th": "การให้ความร่วมมือกับทุกฝ่าย"},
                {"number": "๒", "text_th": "การเสนอข้อคิดเห็นที่เป็นประโยชน์ต่องาน"},
                {"number": "๓", "text_th": item_text, **item},
            ],
        },
    )
    data = instrument.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["rubric"]["components"][0].update(
        title_th="เกณฑ์การประเมินเบื้องต้น", source="seed:003_be8cf020a0793ad8#356-372"
    )
    return Instrument.model_validate(data)


def test_a_faithful_transcription_passes() -> None:
    instrument = _director_row("ให้ความสำคัญ ยกย่อง หรือให้เกียรติแก่ผู้ร่วมงาน")
    assert unfound_texts(instrument) == []
    assert [c.found for c in check_provenance(instrument) if c.kind == "item"] == [True] * 3


def test_an_item_text_the_seed_does_not_contain_is_reported() -> None:
    instrument = _director_row("ข้อปฏิบัติที่ ๓ (ต้นฉบับไม่ได้พิมพ์ข้อความ)")
    missing = unfound_texts(instrument)
    assert [(c.path, c.kind, c.lines) for c in missing] == [("c1.i1.3", "item", "366")]
    assert [f.path for f in lint(instrument) if f.code == "text_not_in_source"] == ["c1.i1.3"]


def test_a_text_from_another_line_of_the_seed_is_reported_too() -> None:
    # ๑.๔'s first item (line 367) is in the seed, but not in the line this indicator cites.
    instrument = _director_row("ศึกษา ค้นคว้า หาความรู้ที่จำเป็นต้องใช้ใน การบริหารงานอยู่เสมอ")
    assert [c.path for c in unfound_texts(instrument)] == ["c1.i1.3"]


def test_an_esa_text_needs_a_resolution() -> None:
    bare = _director_row("ข้อความที่เขตพื้นที่เขียนเอง", esa_text=True)
    assert unfound_texts(bare) == []  # marked, so not "missing" …
    assert [f.severity for f in lint(bare) if f.code == "esa_text_unresolved"] == ["error"]
    resolved = _director_row(
        "ข้อความที่เขตพื้นที่เขียนเอง",
        esa_text=True,
        defects=[
            {
                "id": "own_text",
                "code": "other",
                "form_says_th": "(ไม่ได้พิมพ์)",
                "resolution": {"reading_th": "เขตพื้นที่กำหนดข้อความเอง", "esa_decision": True},
            }
        ],
    )
    assert [f for f in lint(resolved) if f.code == "esa_text_unresolved"] == []


@pytest.mark.parametrize(
    ("printed", "transcribed"),
    [
        ("๑. ระดับพอใช้ : ร้อยละ ๗๔ ลงมา", "ระดับพอใช้ : ร้อยละ 74 ลงมา"),  # Arabic digits
        ("<p>ทำได้ ๔ รายการ</p>", "ทำได้ ๔  รายการ"),  # tags, spacing
        ("**ด้านบริหารจัดการ\n(สถานศึกษา)**", "ด้านบริหารจัดการ (สถานศึกษา)"),  # markdown, line break
        ("๑๒๐ – ๓๒๐ คน", "๑๒๐ - ๓๒๐ คน"),  # dash variants
    ],
)
def test_normalise_ignores_what_extraction_loses(printed: str, transcribed: str) -> None:
    assert normalise(transcribed) in normalise(printed)
