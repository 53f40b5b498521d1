"""Campaign overrides: ``{"<node path>/<attribute path>": value}`` applied to a copy, re-validated.

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pramoen.instruments.schema.instrument import Instrument


class OverrideError(ValueError):
    """An override key that does not name an existing attribute."""


def _node_dict(data: dict[str, Any], node_path: str) -> dict[str, Any]:
    if node_path == "":
        return data
    parts = node_path.split(".")
    if parts[0] == "fields" and len(parts) == 2:
        return _find_by_id(data.get("form", {}).get("fields", []), parts[1], node_path)
    if parts[0] == "evidence" and len(parts) == 2:
        return _find_by_id(data.get("form", {}).get("evidence", []), parts[1], node_path)
    node = _find_by_id(data.get("rubric", {}).get("components", []), parts[0], node_path)
    if len(parts) >= 2:
        node = _find_by_id(node.get("indicators", []), parts[1], node_path)
    if len(parts) == 3:
        items: list[dict[str, Any]] = node.get("items", [])
        for position, item in enumerate(items, start=1):
            if str(item.get("id") or position) == parts[2]:
                return item
        raise OverrideError(f"no item {parts[2]!r} in {node_path}")
    if len(parts) > 3:
        raise OverrideError(f"not a node path: {node_path!r}")
    return node


def _find_by_id(nodes: list[dict[str, Any]], node_id: str, path: str) -> dict[str, Any]:
    for node in nodes:
        if str(node.get("id")) == node_id:
            return node
    raise OverrideError(f"no node {node_id!r} (in {path!r})")


def _list_key(element: Any) -> str | None:
    if isinstance(element, dict):
        for key in ("id", "level", "component", "when_items", "item"):
            if element.get(key) is not None:
                return str(element[key])
    return None


def _list_index(elements: list[Any], part: str) -> int | None:
    """The one element of a list that ``part`` names (by id-like key, or ``[index]``), if any."""
    matches = [i for i, element in enumerate(elements) if _list_key(element) == part]
    if not matches and re.fullmatch(r"\[\d+\]", part) and int(part[1:-1]) < len(elements):
        matches = [int(part[1:-1])]
    return matches[0] if len(matches) == 1 else None


def _set_attr(node: dict[str, Any], attr_path: str, value: Any, key: str) -> None:
    parts = [p for p in attr_path.split(".") if p]
    if not parts:
        raise OverrideError(f"{key!r}: empty attribute path")
    target: Any = node
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(target, dict):
            if last:
                target[part] = value
                return
            if part not in target or target[part] is None:
                raise OverrideError(f"{key!r}: no attribute {part!r}")
            target = target[part]
        elif isinstance(target, list):
            position = _list_index(target, part)
            if position is None:
                raise OverrideError(f"{key!r}: {part!r} does not name exactly one element")
            if last:
                target[position] = value
                return
            target = target[position]
        else:
            raise OverrideError(f"{key!r}: cannot descend into {part!r}")


def check_override_key(data: dict[str, Any], key: str) -> None:
    """Raise :class:`OverrideError` unless ``key`` names an existing attribute of ``data`` (an
    instrument dumped as JSON by alias, without None), leaving ``data`` unchanged."""
    node_path, sep, attr = key.partition("/")
    if not sep:
        raise OverrideError(key)
    node = _node_dict(data, node_path)
    # Navigate without changing the real data: set on a deep copy.
    _set_attr(copy.deepcopy(node), attr, None, key)
    parts = [p for p in attr.split(".") if p]
    target: Any = node
    for part in parts[:-1]:
        if isinstance(target, dict):
            target = target.get(part)
        elif isinstance(target, list):
            position = _list_index(target, part)
            target = None if position is None else target[position]
        if target is None:
            raise OverrideError(key)
    last = parts[-1]
    if isinstance(target, dict) and last not in target:
        # a key that is neither present nor a known attribute is most likely a typo
        raise OverrideError(key)


def apply_overrides(instrument: Instrument, overrides: dict[str, Any]) -> Instrument:
    """Return a copy of ``instrument`` with campaign parameters applied, re-validated.

    Keys are ``<node path>/<attribute path>``; list elements are addressed by their ``id`` (or
    ``level``, ``component``, ``when_items``, ``item``) or by ``[index]``. Example:
    ``{"c1.i1/levels.very_good.points": 10, "/tiers.bands.gold.min": 85}``.
    """
    if not overrides:
        return instrument
    data = copy.deepcopy(instrument.model_dump(mode="json", by_alias=True, exclude_none=True))
    for key, value in sorted(overrides.items()):
        node_path, sep, attr_path = key.partition("/")
        if not sep:
            raise OverrideError(f"{key!r}: expected '<node path>/<attribute path>'")
        node = _node_dict(data, node_path)
        _set_attr(node, attr_path, value, key)
    return Instrument.model_validate(data)
