"""What the element editor shows: the element's boxes (with Thai labels and current values), its
child elements and lists, the way back up, and the outline of the whole instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pramoen.instruments import Finding
from pramoen.instruments.schema import Band
from pramoen.studio import drafts
from pramoen.studio.drafts import Pointer, pointer_text
from pramoen.studio.labels import (
    RULE_KIND_TH,
    attribute_th,
    child_th,
    choice_th,
    location_th,
    range_text,
    summary_th,
)
from pramoen.studio.problems import lint_path
from pramoen.thai import to_thai_digits

# Long texts get a text area.
_LONG = frozenset(
    {
        "description_th",
        "text_th",
        "descriptor_th",
        "note_th",
        "help_th",
        "form_says_th",
        "reading_th",
        "printed_th",
    }
)


@dataclass
class Box:
    name: str
    label: str
    kind: str  # text | textarea | select
    value: str
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False


@dataclass
class Section:
    name: str
    label: str
    kind: str  # children | child | rule | mapping
    entries: list[tuple[str, str]]  # (pointer, summary)
    can_add: bool
    rule_kind: str = ""


@dataclass
class ElementView:
    pointer: str
    location: str
    boxes: list[Box]
    sections: list[Section]
    crumbs: list[tuple[str, str]]
    in_list: bool
    rule_kinds: list[tuple[str, str]]
    is_rule: bool
    lint_path: str
    findings: list[Finding]
    current_kind: str = ""


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def element_view(
    document: dict[str, Any], pointer: Pointer, findings: list[Finding]
) -> ElementView:
    model = drafts.model_at(document, pointer)
    element = drafts.value_at(document, pointer)
    if not isinstance(element, dict):
        raise drafts.DraftError("ไม่พบส่วนนี้ของแบบประเมิน")
    boxes: list[Box] = []
    sections: list[Section] = []
    for slot in drafts.slots_of(model):
        value = element.get(slot.name)
        if model is Band and slot.name in ("min", "max"):
            if slot.name == "min":
                boxes.append(
                    Box(
                        "range",
                        attribute_th("range"),
                        "text",
                        range_text(element.get("min"), element.get("max")),
                    )
                )
            continue
        if (
            slot.name == "kind"
            and slot.kind == "choice"
            and "kind" in element
            and element["kind"] in RULE_KIND_TH
        ):
            continue  # a rule's kind is changed through its own control
        if slot.kind == "scalar":
            shown = to_thai_digits(_display(value)) if slot.number else _display(value)
            kind = "textarea" if slot.name in _LONG else "text"
            boxes.append(
                Box(slot.name, attribute_th(slot.name), kind, shown, required=slot.required)
            )
        elif slot.kind == "refs":
            boxes.append(Box(slot.name, attribute_th(slot.name), "text", _display(value)))
        elif slot.kind == "bool":
            options = [("1", "ใช่"), ("0", "ไม่ใช่")]
            if not slot.required:
                options.insert(0, ("", "ไม่ระบุ"))
            boxes.append(
                Box(slot.name, attribute_th(slot.name), "select", _display(value), options)
            )
        elif slot.kind == "choice":
            options = [(o, choice_th(o)) for o in slot.options]
            if not slot.required:
                options.insert(0, ("", "ไม่ระบุ"))
            boxes.append(
                Box(slot.name, attribute_th(slot.name), "select", _display(value), options)
            )
        elif slot.kind == "children":
            entries = [
                (pointer_text((*pointer, slot.name, n)), summary_th(v))
                for n, v in enumerate(value or [])
            ]
            sections.append(Section(slot.name, child_th(slot.name), "children", entries, True))
        elif slot.kind == "mapping":
            entries = [
                (pointer_text((*pointer, slot.name, key)), f"{key}: {summary_th(v)}")
                for key, v in (value or {}).items()
            ]
            sections.append(Section(slot.name, child_th(slot.name), "mapping", entries, False))
        elif slot.kind in ("child", "rule"):
            entries = (
                [(pointer_text((*pointer, slot.name)), summary_th(value))]
                if value is not None
                else []
            )
            sections.append(
                Section(
                    slot.name,
                    child_th(slot.name),
                    slot.kind,
                    entries,
                    value is None,
                    rule_kind=value.get("kind", "")
                    if slot.kind == "rule" and isinstance(value, dict)
                    else "",
                )
            )
    crumbs = [("", "แบบประเมิน")]
    for cut in range(1, len(pointer) + 1):
        prefix = pointer[:cut]
        if _is_element(document, prefix):
            label = location_th(document, prefix).split(" › ")[-1] if cut > 1 else ""
            crumbs.append((pointer_text(prefix), label or child_th(str(prefix[-1]))))
    path = lint_path(document, pointer)
    parent_is_list = bool(pointer) and isinstance(pointer[-1], int)
    is_rule = model in drafts.RULE_MODELS.values()
    return ElementView(
        pointer=pointer_text(pointer),
        location=location_th(document, pointer),
        boxes=boxes,
        sections=sections,
        crumbs=crumbs,
        in_list=parent_is_list,
        rule_kinds=list(RULE_KIND_TH.items()),
        is_rule=is_rule,
        lint_path=path,
        findings=[f for f in findings if path and f.path == path],
        current_kind=str(element.get("kind", "")) if is_rule else "",
    )


def _is_element(document: dict[str, Any], pointer: Pointer) -> bool:
    try:
        return isinstance(drafts.value_at(document, pointer), dict)
    except drafts.DraftError:
        return False


@dataclass
class OutlineRow:
    pointer: str
    label: str
    depth: int
    errors: int
    warnings: int


def outline(document: dict[str, Any], findings: list[Finding]) -> list[OutlineRow]:
    """The instrument's main elements, with how many findings each carries."""
    counts: dict[str, tuple[int, int]] = {}
    for f in findings:
        e, w = counts.get(f.path, (0, 0))
        counts[f.path] = (e + (f.severity == "error"), w + (f.severity == "warning"))

    def row(pointer: Pointer, label: str, depth: int) -> OutlineRow:
        e, w = (
            counts.get(lint_path(document, pointer), (0, 0)) if pointer else counts.get("", (0, 0))
        )
        return OutlineRow(pointer_text(pointer), label, depth, e, w)

    rows = [row((), "ข้อมูลทั่วไปของแบบประเมิน", 0)]
    form = document.get("form", {})
    rows.append(OutlineRow("form", child_th("form"), 0, 0, 0))
    for n, f in enumerate(form.get("fields", [])):
        rows.append(row(("form", "fields", n), summary_th(f), 1))
    for n, e in enumerate(form.get("evidence", [])):
        rows.append(row(("form", "evidence", n), f"หลักฐาน: {summary_th(e)}", 1))
    rows.append(OutlineRow("rubric", child_th("rubric"), 0, 0, 0))
    for c, comp in enumerate(document.get("rubric", {}).get("components", [])):
        rows.append(row(("rubric", "components", c), f"องค์ประกอบ {summary_th(comp)}", 1))
        for i, ind in enumerate(comp.get("indicators", [])):
            rows.append(
                row(("rubric", "components", c, "indicators", i), f"ตัวชี้วัด {summary_th(ind)}", 2)
            )
    rows.append(row(("aggregation",), child_th("aggregation"), 0))
    for n, gate in enumerate(document.get("gates", [])):
        rows.append(row(("gates", n), f"เงื่อนไข: {summary_th(gate)}", 0))
    if "tiers" in document:
        rows.append(row(("tiers",), child_th("tiers"), 0))
    return rows
