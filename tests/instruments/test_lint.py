"""Lint: each check on a small instrument; errors only when it cannot be scored."""

from pramoen.instruments import Instrument, lint
from pramoen.instruments.lint import has_errors

from .helpers import THREE_LEVELS, one_indicator


def found(instrument):
    return sorted((f.severity, f.code, f.path) for f in lint(instrument))


def bands(*specs, n_items=8, levels=THREE_LEVELS, **kw):
    return one_indicator(
        {"kind": "item_count_bands", "bands": list(specs)}, n_items=n_items, levels=levels, **kw
    )


def test_clean_bands_have_no_findings() -> None:
    instrument = bands(
        {"level": "excellent", "min": 7, "max": 8},
        {"level": "very_good", "min": 5, "max": 6},
        {"level": "good", "min": 1, "max": 4},
    )
    assert found(instrument) == []


def test_identical_bands_school_innovation() -> None:
    # School innovation c1 i2 as printed: ทำได้ ๗-๘ รายการ in all three levels.
    instrument = bands(
        *[{"level": lv, "min": 7, "max": 8} for lv in ("excellent", "very_good", "good")]
    )
    result = found(instrument)
    assert ("warning", "identical_bands", "c1.i1") in result
    assert ("warning", "gapped_bands", "c1.i1") in result
    assert not has_errors(lint(instrument))


def test_overlapping_and_gapped_bands() -> None:
    instrument = bands(
        {"level": "good", "min": 1, "max": 5},
        {"level": "excellent", "min": 5, "max": 8},
        n_items=8,
    )
    result = found(instrument)
    # the lower band comes first: a real ambiguity (warning), not an ordering choice
    assert ("warning", "overlapping_bands", "c1.i1") in result


def test_band_messages_name_the_printed_level_not_its_id() -> None:
    # An ESA author reads "ระดับ “ดี”", never "good" (the id the YAML uses).
    instrument = bands(
        {"level": "good", "min": 1, "max": 5},
        {"level": "excellent", "min": 5, "max": 8},
        {"level": "very_good", "min": 9, "max": 9},
    )
    messages = [f.message_th for f in lint(instrument) if f.path == "c1.i1"]
    overlap = next(m for m in messages if "ซ้อนทับ" in m)
    assert "ระดับ “ดี”" in overlap and "ระดับ “ดีเยี่ยม”" in overlap
    exceeds = next(m for m in messages if "ต้องทำได้" in m)
    assert "ระดับ “ดีมาก”" in exceeds
    for message in messages:
        assert not any(level_id in message for level_id in ("good", "excellent", "very_good"))


def test_band_requiring_more_items_than_exist() -> None:
    # School innovation c1 i5 as printed: ทำได้ ๖ รายการ with only 5 items.
    instrument = bands({"level": "excellent", "min": 6, "max": 6}, n_items=5)
    assert ("warning", "band_exceeds_items", "c1.i1") in found(instrument)


def test_required_item_out_of_range_is_an_error() -> None:
    instrument = bands({"level": "excellent", "requires": [1, 9]}, n_items=5)
    findings = lint(instrument)
    assert has_errors(findings)
    assert ("error", "unscorable", "c1.i1") in found(instrument)


def test_level_without_points_used_by_a_rule_is_an_error() -> None:
    levels = [{"id": "excellent", "label_th": "ดีเยี่ยม"}]
    instrument = bands({"level": "excellent", "min": 1}, levels=levels)
    result = found(instrument)
    assert ("error", "unscorable", "c1.i1") in result
    assert ("warning", "missing_points", "c1.i1") in result


def test_numeric_ranges_overlap_and_gaps_as_printed() -> None:
    # Teacher hours as printed: ๔๑ ขึ้นไป / ๒๑ - ๔๑ / ๒๐: overlap at 41, gap between 20 and 21.
    instrument = one_indicator(
        {
            "kind": "numeric_thresholds",
            "ranges": [
                {"points": 10, "min": 41},
                {"points": 7, "min": 21, "max": 41, "max_inclusive": True},
                {"points": 5, "min": 20, "max": 20, "max_inclusive": True},
            ],
        }
    )
    result = found(instrument)
    assert ("warning", "overlapping_ranges", "c1.i1") in result
    assert ("warning", "gapped_ranges", "c1.i1") in result


def test_percent_domain_gaps() -> None:
    instrument = one_indicator(
        {
            "kind": "numeric_thresholds",
            "input": "pct",
            "ranges": [{"points": 1, "min": 50, "max": 100, "max_inclusive": True}],
        },
        fields=[{"id": "pct", "label_th": "ร้อยละ", "type": "percent"}],
    )
    assert ("warning", "gapped_ranges", "c1.i1") in found(instrument)


def test_stated_maxima_and_proportions() -> None:
    instrument = bands(
        {"level": "excellent", "min": 1},
        indicator={"stated_max": 20},
        extra={
            "aggregation": {"stated_max": 100, "proportions": [{"component": "c1", "points": 60}]}
        },
    )
    result = found(instrument)
    assert ("warning", "stated_max_mismatch", "c1.i1") in result
    assert ("warning", "stated_max_mismatch", "aggregation") in result
    assert ("warning", "proportion_mismatch", "aggregation") in result
    assert ("warning", "proportion_mismatch", "c1") in result


def test_formula_full_score_differs_from_computed() -> None:
    # Director innovation: 10 indicators × 4 = 40 but the formula prints คะแนนเต็ม (๕๐).
    data = bands({"level": "excellent", "min": 1}).model_dump(by_alias=True)
    data["rubric"]["components"][0]["scale"] = {"to": 50, "full": 50, "stated_full": 50}
    result = found(Instrument.model_validate(data))
    assert ("warning", "scale_mismatch", "c1") in result


def test_duplicate_and_skipped_printed_numbers() -> None:
    instrument = bands({"level": "excellent", "min": 1}, n_items=3)
    data = instrument.model_dump(by_alias=True)
    data["rubric"]["components"][0]["indicators"][0]["items"][1]["number"] = "๑"
    data["rubric"]["components"][0]["indicators"][0]["items"][2]["number"] = "๕"
    findings = [f for f in lint(Instrument.model_validate(data)) if f.code == "numbering"]
    assert sorted(f.message_en for f in findings) == [
        "printed item number 1 appears 2 times",
        "printed item numbers skip [2, 3, 4]",
    ]


def test_undefined_references_are_errors() -> None:
    instrument = one_indicator(
        {
            "kind": "condition_levels",
            "cases": [
                {"when": {"field": "nope", "gte": 1}, "points": 1},
                {"when": {"indicator": "c9.i9", "passed": True}, "points": 2},
            ],
        },
        extra={"gates": [{"id": "g", "title_th": "ประตู", "indicators": ["c7.i7"]}]},
    )
    errors = [f for f in lint(instrument) if f.severity == "error"]
    assert len(errors) == 3
    assert all(f.code in ("unscorable", "undefined_reference") for f in errors)


def test_declared_defect_is_a_warning_with_resolution() -> None:
    instrument = bands(
        {"level": "excellent", "min": 1},
        indicator={
            "defects": [
                {
                    "id": "d1",
                    "code": "missing_points",
                    "form_says_th": "ไม่ระบุคะแนน",
                    "resolution": {
                        "reading_th": "ใช้ ๑๕ คะแนน",
                        "esa_decision": True,
                        "parameters": ["c1.i1/levels.excellent.points"],
                    },
                }
            ]
        },
    )
    (finding,) = lint(instrument)
    assert (finding.severity, finding.code) == ("warning", "missing_points")
    assert finding.resolution["esa_decision"] is True
    assert finding.location == "test-instrument › องค์ประกอบ c1 › ตัวชี้วัด ๑"


def test_resolution_parameter_naming_nothing_is_reported() -> None:
    instrument = bands(
        {"level": "excellent", "min": 1},
        indicator={
            "defects": [
                {
                    "id": "d1",
                    "code": "other",
                    "form_says_th": "x",
                    "resolution": {"reading_th": "y", "parameters": ["c1.i1/levels.nope.points"]},
                }
            ]
        },
    )
    assert ("warning", "bad_parameter", "c1.i1") in found(instrument)


def _with_parameter(key: str):
    return bands(
        {"level": "excellent", "min": 1},
        indicator={
            "defects": [
                {
                    "id": "d1",
                    "code": "other",
                    "form_says_th": "x",
                    "resolution": {"reading_th": "y", "parameters": [key]},
                }
            ]
        },
    )


def test_resolution_parameter_may_address_a_list_element_by_index() -> None:
    # apply_overrides accepts "[0]"; lint must accept every key that scoring accepts.
    assert ("warning", "bad_parameter", "c1.i1") not in found(
        _with_parameter("c1.i1/rule.bands.[0].min")
    )
    assert ("warning", "bad_parameter", "c1.i1") in found(
        _with_parameter("c1.i1/rule.bands.[5].min")
    )


def test_printed_rule_is_analysed_and_attributed_to_the_defect() -> None:
    printed = {
        "kind": "item_count_bands",
        "bands": [{"level": lv, "min": 6, "max": 6} for lv in ("excellent", "very_good", "good")],
    }
    instrument = bands(
        {"level": "excellent", "min": 5, "max": 5},
        {"level": "very_good", "min": 4, "max": 4},
        {"level": "good", "min": 1, "max": 3},
        n_items=5,
        indicator={
            "defects": [
                {
                    "id": "same",
                    "code": "identical_bands",
                    "form_says_th": "ทำได้ ๖ รายการ ทุกระดับ",
                    "printed_rule": printed,
                    "resolution": {"reading_th": "ใช้ ๕ / ๔ / ๑-๓ รายการ"},
                }
            ]
        },
    )
    findings = lint(instrument)
    assert {f.severity for f in findings} == {"warning"}
    assert {f.code for f in findings} == {"identical_bands", "band_exceeds_items", "gapped_bands"}
    assert all(
        f.resolution
        == {
            "reading_th": "ใช้ ๕ / ๔ / ๑-๓ รายการ",
            "esa_decision": False,
            "overridable": True,
            "parameters": [],
        }
        for f in findings
    )


def test_ordered_overlap_with_higher_band_first_is_info() -> None:
    # Teacher activities: "all 5 items (10)" before "items 1, 2 and 2 others (7)": overlapping by
    # design, the first (higher) band wins.
    instrument = one_indicator(
        {
            "kind": "item_count_bands",
            "bands": [
                {"points": 10, "min": 5},
                {"points": 7, "requires": [1, 2], "others_min": 2},
                {"points": 5, "requires": [1, 2]},
            ],
        },
        n_items=5,
    )
    result = found(instrument)
    assert ("info", "overlapping_bands", "c1.i1") in result
    assert ("warning", "overlapping_bands", "c1.i1") not in result


def test_applies_when_may_not_read_indicator_results() -> None:
    # Whether an indicator or a component applies is decided before anything is scored.
    on_result = {"indicator": "c1.i1", "level": "excellent"}
    clean = bands({"level": "excellent", "min": 1}, n_items=1)
    data = clean.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["rubric"]["components"][0]["applies_when"] = on_result
    data["rubric"]["components"][0]["indicators"][0]["applies_when"] = on_result
    findings = lint(Instrument.model_validate(data))
    refused = sorted(
        f.path for f in findings if f.severity == "error" and "applies_when" in f.message_en
    )
    assert refused == ["c1", "c1.i1"]
    assert ("error", "unscorable", "c1") in found(Instrument.model_validate(data))
