"""Template filters for the master-data pages."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import template

from pramoen.core.audit_labels import action_label
from pramoen.orgs.enums import QualityCoreKind
from pramoen.thai import format_thai_date

register = template.Library()

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def audit_value(value: Any) -> Any:
    """An audit or preview value as shown to people: ISO dates (how the audit JSON stores them)
    become Buddhist Era dates, ``"2023-05-16"`` → ``"16 พ.ค. 2566"``; anything else unchanged."""
    if isinstance(value, date):
        return format_thai_date(value, "short")
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return format_thai_date(date.fromisoformat(value), "short")
        except ValueError:  # "2023-02-30" is text that only looks like a date
            return value
    return value


@register.filter
def audit_action(code: str) -> str:
    """An audit action code in Thai (``core.audit_labels``)."""
    return action_label(code)


@register.filter
def quality_kind(value: str) -> str:
    """A core school's kind (an annotated code) by its Thai label."""
    return str(dict(QualityCoreKind.choices).get(value, "–"))
