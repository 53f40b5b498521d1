"""The sandbox of the ESAs' e-mail templates (issue 19): what a template may not do, and that the
shipped defaults are complete and render."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pramoen.core.mail_kinds import MAIL_KINDS
from pramoen.core.mail_sandbox import (
    MAX_BODY_CHARS,
    MailTemplateError,
    template_check,
    template_render,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "pramoen"


@pytest.mark.parametrize(
    "text",
    [
        "{% load static %}{% static 'x' %}",
        "{% include 'base.html' %}",
        "{% extends 'base.html' %}",
        "{% debug %}",
        "สวัสดี\n{% url 'people:register' %}",
        "{% csrf_token %}",
    ],
)
def test_forbidden_tags_are_refused_in_thai(text):
    with pytest.raises(MailTemplateError) as caught:
        template_check(text, sample={}, max_chars=MAX_BODY_CHARS)
    tag = text.split("{%")[1].split()[0]
    assert f"ใช้คำสั่ง {{% {tag} %}} ในแม่แบบอีเมลไม่ได้" in caught.value.message


def test_a_forbidden_tag_is_named_with_its_line():
    with pytest.raises(MailTemplateError) as caught:
        template_check("บรรทัดแรก\nบรรทัดสอง {% load i18n %}", sample={}, max_chars=100)
    assert caught.value.message.startswith("บรรทัด 2:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% if who %}ยังไม่ปิด", "ยังไม่มีคำสั่งปิด"),
        ("{{ who|nosuchfilter }}", "ไม่รู้จักตัวกรอง “nosuchfilter”"),
        ("{% for x in who %}{{ x }}{% endfor %}", "ไม่รู้จักคำสั่ง {% for %}"),
        ("{{ who|ljust:'99999999' }}", "ไม่รู้จักตัวกรอง “ljust”"),
    ],
)
def test_bad_syntax_is_a_thai_message(text, expected):
    with pytest.raises(MailTemplateError) as caught:
        template_check(text, sample={"who": "ครูสมใจ"}, max_chars=100)
    assert expected in caught.value.message


def test_unknown_variables_render_empty_and_settings_cannot_be_read(settings):
    settings.SECRET_KEY = "a-secret-the-template-must-not-see"
    text = (
        "[{{ nobody }}][{{ settings.SECRET_KEY }}][{{ who.upper.x }}]"
        "[{{ request.user }}][{{ user.password }}][{{ who }}]"
    )
    template_check(text, sample={"who": "ครูสมใจ"}, max_chars=MAX_BODY_CHARS)
    assert template_render(text, {"who": "ครูสมใจ"}) == "[][][][][][ครูสมใจ]"
    # Django refuses attributes starting with an underscore (the way to an object's internals).
    with pytest.raises(MailTemplateError, match="รูปแบบแม่แบบไม่ถูกต้อง"):
        template_check("{{ who.__class__ }}", sample={"who": "ก"}, max_chars=100)


def test_a_value_is_a_string_so_an_object_cannot_be_walked(esa):
    # Even if a caller passed a model, the template sees only its str().
    rendered = template_render("{{ esa.pk }}|{{ esa.parent }}|{{ esa }}", {"esa": esa})
    assert rendered == f"||{esa}"


def test_plain_text_is_not_escaped():
    assert template_render("{{ who }}", {"who": "<ครู & นักเรียน>"}) == "<ครู & นักเรียน>"


def test_conditions_and_filters_that_are_offered_work():
    text = "{% if until %}ถึง {{ until }}{% else %}ไม่มีกำหนด{% endif %} {{ who|default:'-' }}"
    assert template_render(text, {"until": "", "who": ""}) == "ไม่มีกำหนด -"
    assert template_render(text, {"until": "๑ ม.ค.", "who": "ก"}) == "ถึง ๑ ม.ค. ก"


def test_a_text_over_the_cap_is_refused():
    with pytest.raises(MailTemplateError, match="ยาวเกิน"):
        template_check("ก" * 201, sample={}, max_chars=200)


@pytest.mark.parametrize("code", sorted(MAIL_KINDS))
def test_every_default_compiles_renders_and_uses_only_its_variables(code):
    from django.template.base import Lexer, TokenType

    kind = MAIL_KINDS[code]
    declared = {variable.name for variable in kind.variables}
    for text in (kind.default_subject, kind.default_body):
        template_check(text, sample=kind.sample(), max_chars=MAX_BODY_CHARS)
        used = set()
        for token in Lexer(text).tokenize():
            if token.token_type == TokenType.VAR:
                used.add(token.contents.split("|")[0].split(".")[0].strip())
            if token.token_type == TokenType.BLOCK and token.contents.startswith("if "):
                used.add(token.contents.split()[1])
        assert used <= declared, (code, used - declared)
    assert "\n" not in kind.default_subject.strip()
    # Every declared variable is offered with a Thai description and a sample to preview with.
    assert all(variable.label_th and variable.sample for variable in kind.variables)


def _mail_queue_calls() -> list[tuple[str, int, set[str]]]:
    calls = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "mail_queue":
                calls.append(
                    (str(path.relative_to(SRC)), node.lineno, {k.arg for k in node.keywords})
                )
    return calls


def test_every_mail_queue_caller_names_a_kind_and_every_kind_is_sent():
    calls = _mail_queue_calls()
    assert len(calls) >= 6  # awards, judging, kpi ×2, people ×2
    assert [c for c in calls if not {"kind", "esa_id", "context"} <= c[2]] == []
    # Every registered kind is named by the code that sends it (as mail_kinds.X or X).
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "mail_kinds.py"
    )
    import pramoen.core.mail_kinds as registry

    names = {
        name: kind for name, kind in vars(registry).items() if isinstance(kind, registry.MailKind)
    }
    assert {kind.code for kind in names.values()} == set(MAIL_KINDS)
    unsent = [name for name in names if name not in sources]
    assert unsent == []
