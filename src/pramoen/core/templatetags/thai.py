"""Thai template filters: Buddhist Era dates, Thai digits, fiscal year, names, masked IDs.

Django's ``th`` locale prints Gregorian years (``date`` filter: "5 ตุลาคม 2025"), so
every date that reaches a page goes through :func:`thai_date` / :func:`thai_datetime`::

    {% load thai %}
    {{ submission.created|thai_datetime }}          5 ต.ค. 2568 14:30 น.
    {{ campaign.deadline|thai_date }}               ๕ ตุลาคม ๒๕๖๘
    {{ campaign.deadline|thai_date:"short" }}       5 ต.ค. 2568
    {{ campaign.deadline|thai_date:"long,weekday,arabic" }}
                                                    วันอาทิตย์ที่ 5 ตุลาคม 2568
    {{ some_date|fiscal_year }}                     2569
    {{ user|person_name }}  {{ user|person_name:"noprefix" }}
    {{ person.national_id|masked_id }}              1-2345-xxxxx-xx-1

``thai_date`` / ``thai_datetime`` options, comma-separated: a style (``long``, ``short``,
``numeric``) and any of ``weekday``, ``era`` (adds พ.ศ.), ``thai`` / ``arabic`` (digits),
``dot`` (``thai_datetime`` only: ``14.30 น.`` as in official letters).

Thai digits for a whole document (official letters often use them throughout)::

    {% thaidigits %} … {% endthaidigits %}          or  {% thaidigits document.thai_digits %}

Inside the block, date filters and ``masked_id`` use Thai digits unless the filter
argument says ``arabic``; ``{{ n|thai_digits }}`` always converts. Python code that
renders documents can use :func:`use_thai_digits` around ``render_to_string`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.utils import timezone
from django.utils.html import format_html

from pramoen.thai import (
    ThaiNationalIDError,
    format_person_name,
    format_thai_date,
    format_thai_datetime,
    mask_national_id,
    strip_prefix,
    to_thai_digits,
)
from pramoen.thai import (
    fiscal_year as _fiscal_year,
)

register = template.Library()

# None: no {% thaidigits %} block is active, each filter uses its own default.
_THAI_DIGITS: ContextVar[bool | None] = ContextVar("pramoen_thai_digits", default=None)

_STYLES = frozenset({"long", "short", "numeric"})
_FLAGS = frozenset({"weekday", "era", "thai", "arabic", "dot"})


@contextmanager
def use_thai_digits(enabled: bool = True) -> Iterator[None]:
    """Render with (or without) Thai digits, like ``{% thaidigits %}`` in a template."""
    token = _THAI_DIGITS.set(enabled)
    try:
        yield
    finally:
        _THAI_DIGITS.reset(token)


def _options(arg: str | None, default_style: str) -> tuple[str, set[str]]:
    style = default_style
    flags: set[str] = set()
    for raw in (arg or "").split(","):
        word = raw.strip().lower()
        if not word:
            continue
        if word in _STYLES:
            style = word
        elif word in _FLAGS:
            flags.add(word)
        else:
            raise template.TemplateSyntaxError(
                f"unknown thai date option {word!r}; use long/short/numeric, "
                "weekday, era, thai, arabic, dot"
            )
    return style, flags


def _digits(flags: set[str]) -> bool | None:
    if "thai" in flags:
        return True
    if "arabic" in flags:
        return False
    return _THAI_DIGITS.get()


def _local(value: datetime) -> datetime:
    # Aware values from the database are UTC; show the wall clock of the active time
    # zone (Asia/Bangkok by settings), as Django's own date filters do.
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter(is_safe=False)
def thai_date(value: Any, arg: str | None = None) -> str:
    """Buddhist Era date; empty for ``None``/``""``; other non-dates are shown as is."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    if not isinstance(value, date):
        return str(value)
    style, flags = _options(arg, "long")
    return format_thai_date(
        value,
        style,  # type: ignore[arg-type]
        thai_digits=_digits(flags),
        weekday="weekday" in flags,
        era="era" in flags,
    )


@register.filter(is_safe=False)
def thai_datetime(value: Any, arg: str | None = None) -> str:
    """Buddhist Era date and time, e.g. ``5 ต.ค. 2568 14:30 น.`` (short by default)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        style, flags = _options(arg, "short")
        return format_thai_datetime(
            _local(value),
            style,  # type: ignore[arg-type]
            thai_digits=_digits(flags),
            weekday="weekday" in flags,
            era="era" in flags,
            time_sep="." if "dot" in flags else ":",
            tz=None,
        )
    if isinstance(value, date):
        return thai_date(value, arg or "short")
    return str(value)


@register.filter(is_safe=True)
def thai_digits(value: Any, enabled: Any = True) -> str:
    """Arabic digits → Thai digits; ``{{ n|thai_digits:doc.use_thai }}`` converts only
    when the argument is true. Safe strings stay safe (digits carry no markup)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not enabled:
        return text
    return to_thai_digits(text)


@register.filter
def fiscal_year(value: Any, era: str = "be") -> int | str:
    """Fiscal year (1 Oct – 30 Sep, named after its end) of a date: BE unless ``"ce"``.

    Returns an ``int`` so templates can compare it; pipe it through ``thai_digits`` to
    print Thai digits.
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    if not isinstance(value, date):
        return ""
    return _fiscal_year(value, era="ce" if str(era).lower() == "ce" else "be")


def _part(value: Any, *names: str) -> str:
    for name in names:
        found = value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
        if found:
            return str(found)
    return ""


@register.filter
def person_name(value: Any, arg: str | None = None) -> str:
    """``นายสมชาย ใจดี`` from an object or dict with ``name_prefix`` (or ``prefix``),
    ``first_name`` and ``last_name``; ``"noprefix"`` leaves the prefix out. A plain
    string is taken as a full name (``noprefix`` then strips a known prefix)."""
    if value in (None, ""):
        return ""
    with_prefix = (arg or "").strip().lower() != "noprefix"
    if isinstance(value, str):
        return value if with_prefix else strip_prefix(value)
    first = _part(value, "first_name")
    last = _part(value, "last_name")
    prefix = _part(value, "name_prefix", "prefix")
    if not (first or last):
        return str(value)
    return format_person_name(first, last, prefix, with_prefix=with_prefix)


@register.filter
def masked_id(value: Any, arg: str | None = None) -> str:
    """National ID masked as ``1-2345-xxxxx-xx-1``; never prints a full number.

    A value that is not 13 digits is shown as ``(เลขไม่ถูกต้อง)`` rather than as typed.
    Thai digits follow ``{% thaidigits %}`` unless the argument is ``thai``/``arabic``.
    """
    if value in (None, ""):
        return ""
    try:
        masked = mask_national_id(str(value))
    except ThaiNationalIDError:
        return "(เลขไม่ถูกต้อง)"
    flag = (arg or "").strip().lower()
    use_thai = True if flag == "thai" else False if flag == "arabic" else _THAI_DIGITS.get()
    return to_thai_digits(masked) if use_thai else masked


class ThaiDigitsNode(template.Node):
    def __init__(self, nodelist: template.NodeList, flag: FilterExpression | None) -> None:
        self.nodelist = nodelist
        self.flag = flag

    def render(self, context: template.Context) -> str:
        enabled = True if self.flag is None else bool(self.flag.resolve(context))
        with use_thai_digits(enabled):
            return self.nodelist.render(context)


@register.tag("thaidigits")
def do_thaidigits(parser: Parser, token: Token) -> ThaiDigitsNode:
    """``{% thaidigits [expr] %} … {% endthaidigits %}``: Thai digits inside the block."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("{% thaidigits %} takes at most one argument")
    flag = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endthaidigits",))
    parser.delete_first_token()
    return ThaiDigitsNode(nodelist, flag)


@register.filter(is_safe=True)
def lang_th(value: Any) -> str:
    """``<span lang="th">…</span>`` around content that stays Thai on an English page (a name,
    a campaign title, a group label), so the page says which parts are Thai (screen readers,
    hyphenation, and the English-page test, which does not count them). Not for ``<title>`` or
    attribute values, which cannot hold elements."""
    if value in (None, ""):
        return ""
    return format_html('<span lang="th">{}</span>', value)
