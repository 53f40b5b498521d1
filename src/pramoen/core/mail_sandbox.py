"""The sandbox in which an ESA's e-mail templates are compiled and rendered (issue 19).

Staff type these templates, so the engine is a dedicated ``Engine`` rather than the site's: no
loaders (nothing is read from disk), none of Django's default builtins (no ``{% load %}``,
``{% include %}``, ``{% extends %}``, ``{% debug %}``, ``{% url %}``, ``{% csrf_token %}``), only
the tags and filters listed here, autoescape off (the mail is plain text). The context holds nothing
but the kind's declared variables, each turned into a ``str`` first, so no attribute lookup can
reach a model, the ORM, a file or the settings; an unknown variable renders empty.

Tags and filters that could make a template expensive are left out on purpose: ``for`` (a loop
over a loop over a string multiplies), ``widthratio``, and the padding filters (``ljust``,
``center``, ``stringformat``) that turn a short argument into a huge string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import Lexer, TokenType
from django.utils.translation import gettext as _

register = Library()

for _name, _func in {
    "if": defaulttags.do_if,
    "with": defaulttags.do_with,
    "comment": defaulttags.comment,
    "firstof": defaulttags.firstof,
    "spaceless": defaulttags.spaceless,
    "templatetag": defaulttags.templatetag,
    "verbatim": defaulttags.verbatim,
}.items():
    register.tag(_name, _func)

for _name in (
    "lower",
    "upper",
    "title",
    "capfirst",
    "default",
    "default_if_none",
    "length",
    "cut",
    "truncatechars",
    "truncatewords",
    "wordcount",
    "first",
    "last",
    "yesno",
    "linenumbers",
):
    register.filter(_name, getattr(defaultfilters, _name))

#: Every block tag a template may hold (the allowed tags and their closing/middle parts).
ALLOWED_BLOCK_TAGS = frozenset(
    {
        "if",
        "elif",
        "else",
        "endif",
        "with",
        "endwith",
        "comment",
        "endcomment",
        "firstof",
        "spaceless",
        "endspaceless",
        "templatetag",
        "verbatim",
        "endverbatim",
    }
)
#: Tags refused with their own message: each would reach files, other templates or internals.
FORBIDDEN_BLOCK_TAGS = frozenset(
    {"load", "include", "extends", "block", "debug", "ssi", "url", "csrf_token"}
)

MAX_SUBJECT_CHARS = 200
MAX_BODY_CHARS = 10_000
# A rendered message longer than this is refused (and the default used): the variables are short.
MAX_RENDERED_CHARS = 50_000


class _SandboxEngine(Engine):
    default_builtins: ClassVar[list[str]] = []


ENGINE = _SandboxEngine(
    loaders=[],
    app_dirs=False,
    debug=True,  # syntax errors carry their line number (shown to the person typing)
    libraries={},
    builtins=[__name__],
    autoescape=False,
    string_if_invalid="",
)


class MailTemplateError(ValueError):
    """A template that cannot be saved; ``message`` is Thai and meant for the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _line_of(template_text: str, position: int) -> int:
    return template_text.count("\n", 0, position) + 1


def _check_tags(template_text: str) -> None:
    for token in Lexer(template_text).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        parts = token.split_contents()
        name = parts[0] if parts else ""
        line = token.lineno
        if name in FORBIDDEN_BLOCK_TAGS:
            raise MailTemplateError(
                _(
                    "บรรทัด %(line)s: ใช้คำสั่ง {%% %(tag)s %%} ในแม่แบบอีเมลไม่ได้ "
                    "(แม่แบบอีเมลอ่านไฟล์หรือแม่แบบอื่นไม่ได้)"
                )
                % {"line": line, "tag": name}
            )
        if name not in ALLOWED_BLOCK_TAGS:
            raise MailTemplateError(
                _(
                    "บรรทัด %(line)s: ไม่รู้จักคำสั่ง {%% %(tag)s %%} "
                    "ใช้ได้เฉพาะ if, elif, else, with, comment, firstof"
                )
                % {"line": line, "tag": name}
            )


_INVALID_FILTER = re.compile(r"Invalid filter: '([^']*)'")


def _thai_syntax_error(exc: TemplateSyntaxError, template_text: str) -> str:
    debug = getattr(exc, "template_debug", None) or {}
    line = debug.get("line") or 1
    text = str(exc)
    match = _INVALID_FILTER.search(text)
    if match:
        return _("บรรทัด %(line)s: ไม่รู้จักตัวกรอง “%(name)s”") % {
            "line": line,
            "name": match.group(1),
        }
    if "Unclosed tag" in text:
        return _("บรรทัด %(line)s: คำสั่งนี้ยังไม่มีคำสั่งปิด (เช่น {%% if %%} ต้องปิดด้วย {%% endif %%})") % {
            "line": line
        }
    return _(
        "บรรทัด %(line)s: รูปแบบแม่แบบไม่ถูกต้อง ตรวจวงเล็บ {{ }} และ {%% %%} ให้ครบคู่ และชื่อตัวแปรให้ถูกต้อง"
    ) % {"line": line}


def template_check(template_text: str, *, sample: Mapping[str, object], max_chars: int) -> None:
    """Raise ``MailTemplateError`` (Thai) unless ``template_text`` compiles in the sandbox and
    renders with the sample values — so a stored template is valid by construction."""
    if len(template_text) > max_chars:
        raise MailTemplateError(_("ยาวเกิน %(n)s ตัวอักษร") % {"n": f"{max_chars:,}"})
    _check_tags(template_text)
    try:
        template = ENGINE.from_string(template_text)
    except TemplateSyntaxError as exc:
        raise MailTemplateError(_thai_syntax_error(exc, template_text)) from exc
    try:
        rendered = template.render(sandbox_context(sample))
    except Exception as exc:  # any failure of a typed template is the typist's to fix
        raise MailTemplateError(_("แสดงผลแม่แบบด้วยค่าตัวอย่างไม่ได้ กรุณาตรวจคำสั่งในแม่แบบ")) from exc
    if len(rendered) > MAX_RENDERED_CHARS:
        raise MailTemplateError(_("ข้อความที่ได้ยาวเกินไป"))


def sandbox_context(values: Mapping[str, object]) -> Context:
    # Strings only: an object in the context would let ``{{ x.y }}`` walk its attributes.
    return Context(
        {str(k): "" if v is None else str(v) for k, v in values.items()}, autoescape=False
    )


def template_render(template_text: str, values: Mapping[str, object]) -> str:
    """Render ``template_text`` in the sandbox (may raise; callers fall back to the default)."""
    _check_tags(template_text)
    rendered = ENGINE.from_string(template_text).render(sandbox_context(values))
    if len(rendered) > MAX_RENDERED_CHARS:
        raise MailTemplateError(_("ข้อความที่ได้ยาวเกินไป"))
    return rendered


def newlines_normalized(text: str) -> str:
    """A browser posts a textarea's lines with CRLF; a mail body's lines end with LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def subject_line(text: str) -> str:
    """A subject is one line (a newline in a header is refused by the mail library)."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()[: MAX_SUBJECT_CHARS * 2]
