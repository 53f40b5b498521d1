"""Thai template filters: BE dates reach pages, never Django's Gregorian years."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils.safestring import mark_safe

from pramoen.core.templatetags.thai import use_thai_digits

SUNDAY = date(2025, 10, 5)


def render(source: str, **context: Any) -> str:
    return Template("{% load thai %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("", "๕ ตุลาคม ๒๕๖๘"),
        (':"long"', "๕ ตุลาคม ๒๕๖๘"),
        (':"short"', "5 ต.ค. 2568"),
        (':"numeric"', "05/10/2568"),
        (':"long,arabic"', "5 ตุลาคม 2568"),
        (':"short,thai"', "๕ ต.ค. ๒๕๖๘"),
        (':"long,weekday,arabic"', "วันอาทิตย์ที่ 5 ตุลาคม 2568"),
        (':"short, era"', "5 ต.ค. พ.ศ. 2568"),
    ],
)
def test_thai_date_styles(arg: str, expected: str) -> None:
    assert render("{{ d|thai_date" + arg + " }}", d=SUNDAY) == expected


def test_thai_date_never_prints_the_gregorian_year() -> None:
    out = render(
        '{{ d|thai_date }} {{ d|thai_date:"short" }} {{ d|thai_date:"numeric" }}', d=SUNDAY
    )
    assert "2025" not in out


def test_thai_date_of_aware_datetime_uses_bangkok_date(settings) -> None:
    settings.TIME_ZONE = "Asia/Bangkok"
    late = datetime(2025, 10, 4, 20, 0, tzinfo=UTC)  # 03:00 on 5 Oct in Bangkok
    assert render('{{ d|thai_date:"numeric" }}', d=late) == "05/10/2568"


def test_thai_date_empty_and_unknown_values() -> None:
    assert render("[{{ d|thai_date }}]", d=None) == "[]"
    assert render("[{{ d|thai_date }}]") == "[]"
    assert render("[{{ d|thai_date }}]", d="ไม่ระบุ") == "[ไม่ระบุ]"


def test_thai_date_rejects_unknown_option() -> None:
    with pytest.raises(TemplateSyntaxError):
        render('{{ d|thai_date:"iso" }}', d=SUNDAY)


def test_thai_datetime_shows_bangkok_time(settings) -> None:
    settings.TIME_ZONE = "Asia/Bangkok"
    value = datetime(2025, 10, 5, 7, 30, tzinfo=UTC)
    assert render("{{ t|thai_datetime }}", t=value) == "5 ต.ค. 2568 14:30 น."
    assert render('{{ t|thai_datetime:"long" }}', t=value) == "๕ ตุลาคม ๒๕๖๘ เวลา ๑๔:๓๐ น."
    assert render("{{ t|thai_datetime }}", t=SUNDAY) == "5 ต.ค. 2568"
    assert render('{{ t|thai_datetime:"long,dot" }}', t=value) == "๕ ตุลาคม ๒๕๖๘ เวลา ๑๔.๓๐ น."


def test_thai_digits_filter() -> None:
    assert render("{{ n|thai_digits }}", n=Decimal("1234.50")) == "๑๒๓๔.๕๐"
    assert render("{{ n|thai_digits:flag }}", n=42, flag=False) == "42"
    assert render("{{ n|thai_digits:flag }}", n=42, flag=True) == "๔๒"


def test_thai_digits_keeps_escaping() -> None:
    assert render("{{ s|thai_digits }}", s="<b>1</b>") == "&lt;b&gt;๑&lt;/b&gt;"
    assert render("{{ s|thai_digits }}", s=mark_safe("<b>1</b>")) == "<b>๑</b>"


def test_thaidigits_block_switches_dates_and_ids_to_thai_digits() -> None:
    source = (
        '{% thaidigits %}{{ d|thai_date:"short" }} {{ pid|masked_id }}{% endthaidigits %}'
        ' {{ d|thai_date:"short" }}'
    )
    assert render(source, d=SUNDAY, pid="1103702071838") == (
        "๕ ต.ค. ๒๕๖๘ ๑-๑๐๓๗-xxxxx-xx-๘ 5 ต.ค. 2568"
    )


def test_thaidigits_block_follows_a_per_document_flag() -> None:
    source = '{% thaidigits doc.thai %}{{ d|thai_date:"numeric" }}{% endthaidigits %}'
    assert render(source, d=SUNDAY, doc={"thai": True}) == "๐๕/๑๐/๒๕๖๘"
    assert render(source, d=SUNDAY, doc={"thai": False}) == "05/10/2568"
    # An explicit option still wins inside the block.
    inner = '{% thaidigits %}{{ d|thai_date:"long,arabic" }}{% endthaidigits %}'
    assert render(inner, d=SUNDAY) == "5 ตุลาคม 2568"


def test_use_thai_digits_for_documents_rendered_from_python() -> None:
    with use_thai_digits():
        assert render('{{ d|thai_date:"short" }}', d=SUNDAY) == "๕ ต.ค. ๒๕๖๘"
    assert render('{{ d|thai_date:"short" }}', d=SUNDAY) == "5 ต.ค. 2568"


@pytest.mark.parametrize(
    ("day", "era", "expected"),
    [
        (date(2025, 9, 30), "", "2568"),
        (date(2025, 10, 1), "", "2569"),
        (date(2025, 10, 1), ':"ce"', "2026"),
    ],
)
def test_fiscal_year_filter_turns_over_on_1_october(day: date, era: str, expected: str) -> None:
    assert render("{{ d|fiscal_year" + era + " }}", d=day) == expected


def test_fiscal_year_filter_can_be_compared_and_printed_in_thai() -> None:
    source = "{% if d|fiscal_year == 2569 %}{{ d|fiscal_year|thai_digits }}{% endif %}"
    assert render(source, d=date(2026, 9, 30)) == "๒๕๖๙"


def test_person_name_filter() -> None:
    user = SimpleNamespace(name_prefix="ดร.", first_name="สมหญิง", last_name="รักเรียน")
    assert render("{{ u|person_name }}", u=user) == "ดร.สมหญิง รักเรียน"
    assert render('{{ u|person_name:"noprefix" }}', u=user) == "สมหญิง รักเรียน"
    person = {"prefix": "นาย", "first_name": "สมชาย", "last_name": "ใจดี"}
    assert render("{{ p|person_name }}", p=person) == "นายสมชาย ใจดี"
    assert render('{{ s|person_name:"noprefix" }}', s="นางสาวกมลา ศรีสุข") == "กมลา ศรีสุข"


def test_masked_id_filter_never_prints_the_full_number() -> None:
    assert render("{{ pid|masked_id }}", pid="1-1037-02071-83-8") == "1-1037-xxxxx-xx-8"
    assert render("{{ pid|masked_id }}", pid="12345") == "(เลขไม่ถูกต้อง)"
    assert render("[{{ pid|masked_id }}]", pid=None) == "[]"
