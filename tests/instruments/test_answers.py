"""Answer validation: precise paths and Thai + English messages."""

from pramoen.instruments import answers_template, get_instrument, validate_answers

from .helpers import THREE_LEVELS, one_indicator


def codes(errors):
    return [(e.path, e.code) for e in errors]


def bands_instrument():
    return one_indicator(
        {"kind": "item_count_bands", "bands": [{"level": "excellent", "min": 1}]},
        n_items=4,
        levels=THREE_LEVELS,
        fields=[
            {"id": "pct", "label_th": "ร้อยละ", "type": "percent"},
            {"id": "count", "label_th": "จำนวน", "type": "integer", "min": 0},
            {
                "id": "size",
                "label_th": "ขนาด",
                "type": "choice",
                "choices": [{"value": "small", "label_th": "เล็ก"}],
            },
            {"id": "on", "label_th": "วันที่", "type": "date", "required": False},
            {"id": "flag", "label_th": "มี", "type": "boolean"},
        ],
    )


def valid():
    return {
        "fields": {"pct": "80.5", "count": 3, "size": "small", "flag": False},
        "indicators": {"c1.i1": {"checked": [1, "2"]}},
    }


def test_valid_answers_have_no_errors() -> None:
    assert validate_answers(bands_instrument(), valid()) == []


def test_unknown_ids_are_reported() -> None:
    answers = valid()
    answers["fields"]["nope"] = 1
    answers["indicators"]["c9.i9"] = {"checked": []}
    answers["extra"] = 1
    assert codes(validate_answers(bands_instrument(), answers)) == [
        ("extra", "unknown_id"),
        ("fields.nope", "unknown_id"),
        ("indicators.c9.i9", "unknown_id"),
    ]


def test_wrong_types_are_reported_with_paths() -> None:
    answers = valid()
    answers["fields"].update({"pct": "abc", "count": "2.5", "flag": "yes", "on": "15/05/2568"})
    errors = validate_answers(bands_instrument(), answers)
    assert codes(errors) == [
        ("fields.pct", "wrong_type"),
        ("fields.count", "wrong_type"),
        ("fields.flag", "wrong_type"),
        ("fields.on", "wrong_type"),
    ]
    assert errors[0].message_th == "ต้องเป็นตัวเลข"


def test_percent_out_of_range() -> None:
    answers = valid()
    answers["fields"]["pct"] = 101
    assert codes(validate_answers(bands_instrument(), answers)) == [("fields.pct", "out_of_range")]


def test_item_number_out_of_range_and_unknown_item() -> None:
    answers = valid()
    answers["indicators"]["c1.i1"] = {"checked": [1, 5, "x", 1]}
    errors = validate_answers(bands_instrument(), answers)
    assert codes(errors) == [
        ("indicators.c1.i1.checked[1]", "item_out_of_range"),
        ("indicators.c1.i1.checked[2]", "unknown_item"),
        ("indicators.c1.i1.checked[3]", "duplicate"),
    ]
    assert errors[0].message_en == "item number 5 out of range 1..4"
    assert errors[0].message_th == "รายการที่ ๕ ไม่มีอยู่ (มี ๑-๔ รายการ)"


def test_missing_required_answers() -> None:
    errors = validate_answers(bands_instrument(), {"fields": {}, "indicators": {}})
    assert codes(errors) == [
        ("fields.pct", "missing"),
        ("fields.count", "missing"),
        ("fields.size", "missing"),
        ("fields.flag", "missing"),
        ("indicators.c1.i1", "missing"),
    ]
    assert errors[-1].message_th == "ยังไม่ได้ประเมินตัวชี้วัด ๑"


def test_partial_answers_skip_required_checks() -> None:
    assert validate_answers(bands_instrument(), {"fields": {}}, partial=True) == []


def test_wrong_answer_key_for_rule_kind() -> None:
    answers = valid()
    answers["indicators"]["c1.i1"] = {"level": "excellent"}
    assert codes(validate_answers(bands_instrument(), answers)) == [
        ("indicators.c1.i1.level", "unknown_id"),
        ("indicators.c1.i1", "missing"),
    ]


def test_answers_for_another_instrument() -> None:
    answers = valid()
    answers["instrument"] = "other"
    assert codes(validate_answers(bands_instrument(), answers)) == [
        ("instrument", "wrong_instrument")
    ]


def test_not_an_object() -> None:
    assert codes(validate_answers(bands_instrument(), [])) == [("", "wrong_type")]


def test_evidence_page_references() -> None:
    instrument = get_instrument("nara2-school-academic")
    answers = {
        "evidence": {
            "ev_c1_i1": [
                {"file": "book.pdf", "pages": "12-15, 20"},
                {"file": "b.pdf", "pages": "p.3"},
            ]
        }
    }
    assert codes(validate_answers(instrument, answers, partial=True)) == [
        ("evidence.ev_c1_i1[1].pages", "bad_pages")
    ]


def test_template_lists_every_answer_slot() -> None:
    instrument = get_instrument("nara2-school-innovation")
    template = answers_template(instrument)
    assert template["indicators"]["c1.i1"] == {"checked": []}
    assert template["indicators"]["c2.i11"] == {"choice": None}
    assert template["eligibility"] == {"nara2-school-eligibility": None}
    assert len(template["indicators"]) == 17
    # the empty skeleton is valid as work in progress, and incomplete as a final answer
    assert validate_answers(instrument, template, partial=True) == []
    assert {e.code for e in validate_answers(instrument, template)} == {"missing"}
