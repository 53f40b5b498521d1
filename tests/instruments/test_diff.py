"""instruments.diff: what a person reads before moving a group to another version."""

from __future__ import annotations

from pramoen.instruments import get_instrument
from pramoen.instruments.diff import diff_instruments
from pramoen.instruments.schema import Instrument, apply_overrides


def test_identical_versions_have_no_changes() -> None:
    instrument = get_instrument("nara2-school-academic")
    assert diff_instruments(instrument, instrument) == []


def test_level_points_item_text_and_tier_changes_are_named_in_thai() -> None:
    old = get_instrument("nara2-school-academic")
    new = apply_overrides(old, {"c1.i1/levels.very_good.points": 12, "/tiers.bands.gold.min": 85})
    data = new.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["rubric"]["components"][0]["indicators"][0]["items"][0]["text_th"] = "ข้อความใหม่"
    new = Instrument.model_validate(data)
    changes = [(c.path, c.kind, c.text_th) for c in diff_instruments(old, new)]
    assert ("c1.i1", "changed", "ตัวชี้วัด ๑ ด้านคุณภาพผู้เรียน: ระดับดีมาก ๑๐.๕ → ๑๒ คะแนน") in changes
    assert any(p == "c1.i1.1" and t.endswith("→ “ข้อความใหม่”") for p, _k, t in changes)
    assert ("tiers.gold", "changed", "รางวัลเหรียญทอง: ช่วงคะแนน ๘๕ - ๑๐๐") in changes


def test_added_and_removed_indicators_and_fields() -> None:
    old = get_instrument("nara2-school-academic")
    data = old.model_dump(mode="json", by_alias=True, exclude_none=True)
    removed = data["rubric"]["components"][1]["indicators"].pop()
    data["form"]["fields"] = [{"id": "x", "label_th": "จำนวนครู", "type": "integer"}]
    new = Instrument.model_validate(data)
    kinds = {(c.path, c.kind) for c in diff_instruments(old, new)}
    assert (f"c2.{removed['id']}", "removed") in kinds
    assert ("fields.x", "added") in kinds
    assert ("c2", "changed") in kinds  # its raw maximum fell
