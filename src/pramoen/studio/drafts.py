"""A studio draft: the instrument's data as JSON, edited one element at a time.

An element is addressed by a *pointer*, the dotted keys and list positions from the instrument
(``rubric.components.0.indicators.1.rule.bands.2``). The pydantic schema of the instrument says
what each element holds, so one generic editor covers every part (form fields, evidence slots,
components, indicators, items, levels, rules and their bands or ranges, gates, proportions,
scaling, tiers). Every change is validated as a whole :class:`Instrument` before it is kept, so a
saved draft always lints, scores and exports.

No Django here: the property test drives these functions directly.
"""

from __future__ import annotations

import copy
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from pramoen.instruments import Instrument
from pramoen.instruments.schema import RULE_KINDS
from pramoen.instruments.schema.rules import (
    ConditionLevels,
    CountPoints,
    ItemChoice,
    ItemCountBands,
    LevelChoice,
    NumericThresholds,
    PassFail,
    UseDefinition,
)

Pointer = tuple[str | int, ...]

RULE_MODELS: dict[str, type[BaseModel]] = {
    "item_count_bands": ItemCountBands,
    "count_points": CountPoints,
    "level_choice": LevelChoice,
    "item_choice": ItemChoice,
    "numeric_thresholds": NumericThresholds,
    "condition_levels": ConditionLevels,
    "pass_fail": PassFail,
    "use": UseDefinition,
}
# Kept out of the editor: fixed by the schema, not a choice of the author.
HIDDEN = frozenset({"schema_version"})


class DraftError(ValueError):
    """A pointer that names nothing, or an edit the element cannot take (Thai message)."""


def parse_pointer(text: str) -> Pointer:
    if not text:
        return ()
    return tuple(int(p) if p.isdigit() else p for p in text.split("."))


def pointer_text(pointer: Pointer) -> str:
    return ".".join(str(p) for p in pointer)


def document_of(instrument: Instrument) -> dict[str, Any]:
    """The draft document of an instrument (JSON types, aliases, nulls dropped)."""
    data: dict[str, Any] = instrument.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


# --------------------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Slot:
    """One attribute of an element, as the editor treats it."""

    name: str  # the key in the document (the alias)
    kind: Literal["scalar", "bool", "choice", "refs", "child", "children", "rule", "mapping"]
    required: bool
    options: tuple[str, ...] = ()
    number: bool = False
    integer: bool = False
    model: type[BaseModel] | None = None


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` → (X, optional)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) != len(get_args(annotation))
        if len(args) == 1:
            return args[0], optional
        return Union[tuple(args)], optional  # noqa: UP007  # rebuilt from parts
    return annotation, False


def _base(annotation: Any) -> Any:
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _is_rule(annotation: Any) -> bool:
    annotation = _base(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return all(isinstance(a, type) and a in RULE_MODELS.values() for a in get_args(annotation))
    return False


def _is_model(annotation: Any) -> bool:
    annotation = _base(annotation)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def slot_of(name: str, annotation: Any, required: bool) -> Slot:
    inner, _optional = _unwrap(_base(annotation))
    inner = _base(inner)
    if _is_rule(inner):
        return Slot(name, "rule", required)
    if _is_model(inner):
        return Slot(name, "child", required, model=inner)
    origin = get_origin(inner)
    if origin is list:
        (arg,) = get_args(inner)
        if _is_model(arg):
            return Slot(name, "children", required, model=_base(arg))
        return Slot(name, "refs", required)
    if origin is dict:
        return Slot(name, "mapping", required)
    if inner is bool:
        return Slot(name, "bool", required)
    if origin is Literal:
        return Slot(name, "choice", required, options=tuple(str(a) for a in get_args(inner)))
    parts = {_base(a) for a in get_args(inner)} if origin in (Union, types.UnionType) else {inner}
    number = bool(parts & {int, Decimal}) and str not in parts
    integer = parts == {int}
    return Slot(name, "scalar", required, number=number, integer=integer)


def slots_of(model: type[BaseModel]) -> list[Slot]:
    found = []
    for field_name, info in model.model_fields.items():
        key = info.alias or field_name
        if key in HIDDEN:
            continue
        found.append(slot_of(key, info.annotation, info.is_required()))
    return found


def _slot_named(model: type[BaseModel], key: str) -> Slot:
    for slot in slots_of(model):
        if slot.name == key:
            return slot
    raise DraftError("ไม่พบส่วนนี้ของแบบประเมิน")


def model_at(document: dict[str, Any], pointer: Pointer) -> type[BaseModel]:
    """The schema class of the element at ``pointer``."""
    model: type[BaseModel] = Instrument
    value: Any = document
    i = 0
    while i < len(pointer):
        key = pointer[i]
        if not isinstance(key, str):
            raise DraftError("ไม่พบส่วนนี้ของแบบประเมิน")
        slot = _slot_named(model, key)
        value = value.get(key) if isinstance(value, dict) else None
        if slot.kind in ("children", "mapping"):
            i += 1
            if i >= len(pointer):
                raise DraftError("ไม่พบส่วนนี้ของแบบประเมิน")
            value = _index(value, pointer[i])
            if slot.kind == "mapping":
                model = rule_model(value)
            else:
                assert slot.model is not None
                model = slot.model
        elif slot.kind == "rule":
            model = rule_model(value)
        elif slot.kind == "child":
            assert slot.model is not None
            model = slot.model
        else:
            raise DraftError("ไม่พบส่วนนี้ของแบบประเมิน")
        i += 1
    return model


def rule_model(value: Any) -> type[BaseModel]:
    kind = value.get("kind") if isinstance(value, dict) else None
    if kind not in RULE_MODELS:
        raise DraftError("ไม่รู้จักชนิดของเกณฑ์")
    return RULE_MODELS[kind]


def _index(container: Any, part: str | int) -> Any:
    try:
        return container[part]
    except (KeyError, IndexError, TypeError):
        raise DraftError("ไม่พบส่วนนี้ของแบบประเมิน") from None


def value_at(document: dict[str, Any], pointer: Pointer) -> Any:
    value: Any = document
    for part in pointer:
        value = _index(value, part)
    return value


# --------------------------------------------------------------------------- edits


def validate(document: dict[str, Any]) -> Instrument:
    """The instrument the document describes (raises pydantic's ``ValidationError``)."""
    return Instrument.model_validate(document)


def with_values(
    document: dict[str, Any], pointer: Pointer, values: dict[str, Any]
) -> dict[str, Any]:
    """A copy of ``document`` with the scalar ``values`` set on the element (``None`` removes)."""
    new = copy.deepcopy(document)
    element = value_at(new, pointer)
    if not isinstance(element, dict):
        raise DraftError("ส่วนนี้แก้ไขเป็นรายการค่าไม่ได้")
    for key, value in values.items():
        if value is None:
            element.pop(key, None)
        else:
            element[key] = value
    return new


def with_child_added(document: dict[str, Any], pointer: Pointer, key: str) -> dict[str, Any]:
    """A copy with a new element appended to the list ``key`` of the element (or the optional
    child ``key`` created), filled with what the schema requires."""
    from pramoen.studio.blanks import new_element  # the defaults per kind of element

    new = copy.deepcopy(document)
    element = value_at(new, pointer)
    model = model_at(new, pointer)
    slot = _slot_named(model, key)
    if slot.kind == "children":
        assert slot.model is not None
        siblings = element.setdefault(key, [])
        siblings.append(new_element(slot.model, siblings, new, pointer))
    elif slot.kind == "child" and slot.model is not None:
        element[key] = new_element(slot.model, [], new, pointer)
    elif slot.kind == "rule":
        element[key] = new_element(ItemCountBands, [], new, pointer)
    else:
        raise DraftError("เพิ่มรายการในส่วนนี้ไม่ได้")
    return new


def with_removed(document: dict[str, Any], pointer: Pointer) -> dict[str, Any]:
    """A copy without the element at ``pointer`` (a list entry or an optional child)."""
    if not pointer:
        raise DraftError("ลบทั้งแบบประเมินจากตรงนี้ไม่ได้")
    new = copy.deepcopy(document)
    parent = value_at(new, pointer[:-1])
    last = pointer[-1]
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
    elif isinstance(parent, dict) and last in parent:
        # An optional child is removed by its key (int() of a key such as "form" raised).
        del parent[last]
    else:
        raise DraftError("ไม่พบส่วนนี้ของแบบประเมิน")
    return new


def with_moved(document: dict[str, Any], pointer: Pointer, step: int) -> dict[str, Any]:
    """A copy with the list entry at ``pointer`` moved ``step`` places (−1 up, +1 down)."""
    new = copy.deepcopy(document)
    parent = value_at(new, pointer[:-1]) if pointer else None
    last = pointer[-1] if pointer else None
    if not isinstance(parent, list) or not isinstance(last, int):
        raise DraftError("ย้ายลำดับส่วนนี้ไม่ได้")
    target = last + step
    if not 0 <= target < len(parent):
        raise DraftError("ย้ายเลยลำดับแรกหรือลำดับสุดท้ายไม่ได้")
    parent[last], parent[target] = parent[target], parent[last]
    return new


def with_rule_kind(document: dict[str, Any], pointer: Pointer, kind: str) -> dict[str, Any]:
    """A copy with the rule at ``pointer`` replaced by a new rule of ``kind``."""
    from pramoen.studio.blanks import new_element

    if kind not in RULE_KINDS:
        raise DraftError("ไม่รู้จักชนิดของเกณฑ์")
    new = copy.deepcopy(document)
    parent = value_at(new, pointer[:-1])
    parent[pointer[-1]] = new_element(RULE_MODELS[kind], [], new, pointer)
    return new
