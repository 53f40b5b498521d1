"""The ESA's one digits setting rules its KPI pages (issue 20): written with Arabic digits, they
read in Thai digits for an ESA that chose Thai, and stay Arabic for one that chose Arabic."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pramoen.kpi.models import KpiReport
from tests.security.test_visible_text import visible_text

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[0-9]")
THAI = re.compile(r"[๐-๙]")


def _report_text(client, reporter, round_, esa) -> tuple[str, str]:
    client.force_login(reporter)
    client.post(reverse("kpi:report_open", args=[round_.pk, esa.pk]))
    report = KpiReport.objects.get(esa=esa, round=round_)
    html = client.get(reverse("kpi:report", args=[report.pk])).content.decode()
    return html, visible_text(html)


def test_an_esa_that_chose_thai_reads_its_kpi_report_in_thai_digits(
    client, reporter_a, round_6m, esa_a
):
    esa_a.thai_digits = True
    esa_a.save(update_fields=["thai_digits"])
    html, text = _report_text(client, reporter_a, round_6m, esa_a)
    assert "กำหนดส่ง ๓๑ มีนาคม ๒๕๖๙" in text
    # Words mixing Latin letters and digits are copied as typed ("A4", a username): kept.
    assert [w for w in text.split() if ARABIC.search(w) and not re.search("[A-Za-z]", w)] == []
    # Markup keeps its digits: the links still lead to the report's own URLs.
    report = KpiReport.objects.get(esa=esa_a, round=round_6m)
    assert f'="{reverse("kpi:report", args=[report.pk])}' in html


def test_an_esa_that_chose_arabic_reads_its_kpi_report_in_arabic_digits(
    client, reporter_a, round_6m, esa_a
):
    esa_a.thai_digits = False
    esa_a.save(update_fields=["thai_digits"])
    _html, text = _report_text(client, reporter_a, round_6m, esa_a)
    assert "กำหนดส่ง 31 มีนาคม 2569" in text
    assert THAI.findall(text) == []
