"""What the entry form need not ask (issue 20): the answers the registry and the profile know.

* **From the registry and the group** — read-only: the school's name (``school``,
  ``school_name``), the size class (``school_size``: the group's, which the picker and
  ``entry_start`` matched to the school's enrolment), the domain and the teacher level of the
  group. ``entry_save`` writes these over whatever was posted, so a tampered POST cannot store
  "ขนาดใหญ่" in a small-school group.
* **From the profile** — filled in when the entry starts, still editable: the person's name
  prefix, first and last name (their account, or the name the school nominated) and, for a
  person applying for themselves, the position the registry gives them.

A value is written only where the instrument asks for that field and, for a choice, offers it.
"""

from __future__ import annotations

import copy
from typing import Any

from pramoen.awards.enums import AwardCategory
from pramoen.awards.picker import person_position
from pramoen.instruments import Instrument
from pramoen.orgs.enums import Position
from pramoen.thai import split_prefix

SLOTS = ("eligibility", "scoring")
SCHOOL_NAME_FIELDS = ("school", "school_name")
PREFIX_FIELDS = ("name_prefix", "name_title")
# Registry positions → the position choices of the director and ESA-staff forms.
POSITION_CHOICES: dict[str, str] = {
    Position.DIRECTOR: "director",
    Position.DEPUTY_DIRECTOR: "deputy",
    Position.SUPERVISOR: "supervisor",
    Position.OTHER_38C2: "other_staff",
}


def _fits(spec: Any, value: Any) -> bool:
    if value in (None, ""):
        return False
    if spec.type == "choice":
        return value in {c.value for c in spec.choices or []} and not spec.multiple
    return spec.type == "text"


def _fields(instruments: dict[str, Instrument]) -> dict[str, Any]:
    specs: dict[str, Any] = {}
    for slot in SLOTS:
        for spec in instruments[slot].form.fields:
            specs.setdefault(spec.id, spec)
    return specs


def registry_values(
    *, category: Any, school: Any, instruments: dict[str, Instrument]
) -> dict[str, Any]:
    """field id → the value the registry / group decides (shown read-only)."""
    known: dict[str, Any] = {name: school.name_th for name in SCHOOL_NAME_FIELDS}
    known["school_size"] = category.size_class
    known["domain"] = category.domain
    known["level"] = category.teacher_level
    specs = _fields(instruments)
    return {k: v for k, v in known.items() if k in specs and _fits(specs[k], v)}


def profile_values(
    *,
    category: Any,
    nominee_name: str,
    actor: Any,
    personal: bool,
    instruments: dict[str, Instrument],
) -> dict[str, Any]:
    """field id → the value the profile suggests (prefilled, editable)."""
    if category.category == AwardCategory.SCHOOL:
        return {}
    if personal:
        prefix, first, last = actor.name_prefix, actor.first_name, actor.last_name
    else:
        prefix, rest = split_prefix(nominee_name)
        first, _, last = rest.partition(" ")
    specs = _fields(instruments)
    known: dict[str, Any] = {"first_name": first.strip(), "last_name": last.strip()}
    for name in PREFIX_FIELDS:
        spec = specs.get(name)
        if spec is not None and spec.type == "choice":
            by_label = {c.label_th: c.value for c in spec.choices or []}
            known[name] = by_label.get(prefix.strip())
    position = person_position(actor) if personal else ""
    spec = specs.get("position")
    if position and spec is not None:
        if spec.type == "text":
            known["position"] = str(Position(position).label)
        else:
            known["position"] = POSITION_CHOICES.get(position)
    return {k: v for k, v in known.items() if k in specs and _fits(specs[k], v)}


def answers_with(answers: dict[str, Any], values: dict[str, Any], *, only_blank: bool) -> dict:
    """``answers`` with ``values`` written into each slot that asks for the field."""
    result = copy.deepcopy(answers)
    for slot in SLOTS:
        fields = result.setdefault(slot, {"fields": {}, "evidence": {}}).setdefault("fields", {})
        for key, value in values.items():
            if key in fields and not (only_blank and fields[key] not in (None, "")):
                fields[key] = value
    return result
