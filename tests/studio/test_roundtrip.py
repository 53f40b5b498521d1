"""Property: any instrument the studio can save round-trips through YAML export/import with the
same version hash.

The drafts are made the way the studio makes them: random sequences of its own edits (typed
values through ``inputs.values_from``, adding, removing and moving elements, changing a rule's
kind) applied to a shipped or a blank instrument, each kept only if the studio would save it
(the whole draft validates). No database: these are the studio's pure draft functions.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pramoen.instruments import get_instrument, parse_instrument, version_hash
from pramoen.instruments.schema import RULE_KINDS
from pramoen.studio import drafts
from pramoen.studio.exchange import export_yaml
from pramoen.studio.inputs import InputProblem, values_from

SOURCES = ["example-all-kinds", "nara2-teacher-eligibility", "nara2-director-preliminary"]
BLANK = {
    "id": "esa1-blank",
    "version": "2569",
    "program": "esa1",
    "kind": "scoring",
    "title_th": "แบบใหม่",
    "rubric": {
        "components": [
            {
                "id": "c1",
                "title_th": "องค์ประกอบ",
                "indicators": [
                    {
                        "id": "i1",
                        "title_th": "ตัวชี้วัด",
                        "items": [{"id": "1", "text_th": "รายการ"}],
                        "levels": [{"id": "l1", "label_th": "ระดับ", "points": "1"}],
                        "rule": {"kind": "item_count_bands", "bands": [{"level": "l1", "min": 1}]},
                    }
                ],
            }
        ]
    },
}

# What an author may type: Thai, digits of both kinds, and text YAML would read as something else.
TEXTS = st.one_of(
    st.sampled_from(
        [
            "yes",
            "no",
            "null",
            "~",
            "1.0",
            "๑๐",
            "0x10",
            "- a",
            "a: b",
            "#x",
            "'q'",
            '"d"',
            "",
            " ",
            "2569",
        ]
    ),
    st.text(alphabet=st.sampled_from(list("กขคงabc019๐๕ :#-'\"\n\t|>")), max_size=12),
)
NUMBERS = st.one_of(
    st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False).map(str),
    st.sampled_from(["๗", "๑๒.๕", "0", "", "1e2", "-0"]),
)


def _elements(document: dict[str, Any]) -> list[drafts.Pointer]:
    found: list[drafts.Pointer] = []

    def walk(value: Any, pointer: drafts.Pointer) -> None:
        if isinstance(value, dict):
            try:
                drafts.model_at(document, pointer)
            except drafts.DraftError:
                return
            found.append(pointer)
            for key, child in value.items():
                walk(child, (*pointer, key))
        elif isinstance(value, list):
            for n, child in enumerate(value):
                walk(child, (*pointer, n))

    walk(document, ())
    return found


def _apply(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    pointer = data.draw(st.sampled_from(_elements(document)))
    model = drafts.model_at(document, pointer)
    slots = drafts.slots_of(model)
    action = data.draw(st.sampled_from(["type", "type", "type", "add", "remove", "move", "kind"]))
    if action == "type":
        typed = [
            s for s in slots if s.kind in ("scalar", "bool", "choice", "refs") and s.name != "id"
        ]
        if not typed:
            return document
        slot = data.draw(st.sampled_from(typed))
        if slot.kind == "scalar" and slot.number:
            text = data.draw(NUMBERS)
        elif slot.kind == "bool":
            text = data.draw(st.sampled_from(["1", "0", ""]))
        elif slot.kind == "choice":
            text = data.draw(st.sampled_from([*slot.options, ""]))
        else:
            text = data.draw(TEXTS)
        name = "range" if model.__name__ == "Band" and slot.name in ("min", "max") else slot.name
        return drafts.with_values(document, pointer, values_from(model, {name: text}))
    if action == "add":
        lists = [s.name for s in slots if s.kind in ("children", "child", "rule")]
        return (
            drafts.with_child_added(document, pointer, data.draw(st.sampled_from(lists)))
            if lists
            else document
        )
    if action == "remove":
        return drafts.with_removed(document, pointer) if pointer else document
    if action == "move":
        if pointer and isinstance(pointer[-1], int):
            return drafts.with_moved(document, pointer, data.draw(st.sampled_from([-1, 1])))
        return document
    rules = [p for p in _elements(document) if p and p[-1] == "rule"]
    if not rules:
        return document
    return drafts.with_rule_kind(
        document, data.draw(st.sampled_from(rules)), data.draw(st.sampled_from(RULE_KINDS))
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_saved_draft_round_trips_through_yaml_with_the_same_hash(data):
    start = data.draw(st.sampled_from([None, *SOURCES]))
    document = drafts.document_of(get_instrument(start) if start else drafts.validate(BLANK))
    saved = 0
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        try:
            candidate = _apply(document, data)
            drafts.validate(candidate)
        except (ValidationError, InputProblem, drafts.DraftError):
            continue  # the studio refuses it: the saved draft stays as it was
        document = candidate
        saved += 1
    instrument = drafts.validate(document)
    back = parse_instrument(export_yaml(instrument))
    assert version_hash(back) == version_hash(instrument)
    assert drafts.document_of(back) == drafts.document_of(instrument)
