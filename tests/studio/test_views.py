"""Studio pages: htmx saves that keep what was typed, located Thai messages (never a 500),
scoping between ESAs, the try-it pane, and the list's query count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.studio import drafts
from pramoen.studio.models import StudioInstrument
from pramoen.studio.services import studio_instrument_clone, studio_publish, studio_sharing_set
from tests.factories import EsaFactory
from tests.studio.conftest import BAND, TEACHER

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


def _save(client, row, at, **values):
    return client.post(
        reverse("studio:element", args=[row.pk]), {"at": at, **values}, HTTP_HX_REQUEST="true"
    )


def test_clone_from_the_library_page_opens_the_editor(signed_in, esa):
    response = signed_in.post(reverse("studio:clone"), {"source": TEACHER})
    row = StudioInstrument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("studio:edit", args=[row.pk])
    page = signed_in.get(response["Location"]).content.decode()
    assert "แบบประเมินผลงานครูผู้สอน ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน" in page
    assert 'data-testid="lint"' in page


def test_saving_a_band_swaps_the_status_and_the_lint_panel_not_the_boxes(signed_in, clone):
    response = _save(signed_in, clone, BAND, range="๓–๓")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.startswith("บันทึกแล้ว")
    assert 'id="lint" class="studio-lint"' in text and 'hx-swap-oob="true"' in text
    assert "ไม่มีเกณฑ์รองรับบางกรณีที่ทำได้ ๒ รายการ" in text
    assert 'name="range"' not in text  # the boxes being typed in are not replaced


@pytest.mark.parametrize(
    ("at", "values", "message"),
    [
        (BAND, {"range": "๗–๕"}, "ช่วง “๗–๕” ค่าแรกมากกว่าค่าหลัง"),
        (BAND, {"range": "สี่ถึงห้า"}, "อ่านช่วง “สี่ถึงห้า” ไม่ได้"),
        ("rubric.components.3.indicators.0.levels.0", {"points": "1O"}, "“1O” ไม่ใช่ตัวเลข"),
        ("rubric.components.3.indicators.0", {"id": "ตัวชี้วัด"}, "ใช้ได้เฉพาะอักษรอังกฤษ"),
        (
            "rubric.components.2.indicators.1.rule.ranges.0",
            {"min": "๙๐", "max": "๘๐"},
            "ค่าต่ำสุด ๙๐ มากกว่าค่าสูงสุด ๘๐",
        ),
    ],
)
def test_bad_input_gets_a_located_thai_message_and_is_not_saved(
    signed_in, clone, at, values, message
):
    before = clone.draft
    response = _save(signed_in, clone, at, **values)
    text = response.content.decode()
    assert response.status_code == 200
    assert text.startswith("ยังไม่ได้บันทึก")
    assert message in text
    clone.refresh_from_db()
    assert clone.draft == before


def test_without_htmx_a_refused_value_comes_back_with_the_message_and_the_page(signed_in, clone):
    response = signed_in.post(
        reverse("studio:element", args=[clone.pk]), {"at": BAND, "range": "๗–๕"}
    )
    assert response.status_code == 400
    assert "ช่วง “๗–๕” ค่าแรกมากกว่าค่าหลัง" in response.content.decode()


def test_points_on_a_missing_level_shows_the_lint_error_on_that_indicator(signed_in, clone):
    _save(signed_in, clone, BAND, level="l9")
    page = signed_in.get(
        reverse("studio:edit", args=[clone.pk]) + "?at=rubric.components.3.indicators.0"
    ).content.decode()
    assert (
        'data-testid="element-findings"><p class="finding-error">ข้อผิดพลาด: ไม่มีระดับ l9 ในตัวชี้วัดนี้</p>'
        in page
    )
    assert "ข้อผิดพลาด ๑ รายการ ต้องแก้ก่อนเผยแพร่" in page


def test_a_pointer_that_names_nothing_is_not_found(signed_in, clone):
    url = reverse("studio:element", args=[clone.pk])
    assert signed_in.get(url + "?at=rubric.components.99").status_code == 404
    assert _save(signed_in, clone, "rubric.nothing.0", title_th="x").status_code == 404


def test_adding_a_band_opens_it_in_the_editor(signed_in, clone):
    rule = "rubric.components.3.indicators.0.rule"
    response = signed_in.post(
        reverse("studio:restructure", args=[clone.pk]),
        {"at": rule, "action": "add", "argument": "bands"},
        HTTP_HX_REQUEST="true",
    )
    assert f'data-pointer="{rule}.bands.3"' in response.content.decode()
    clone.refresh_from_db()
    assert len(drafts.value_at(clone.draft, drafts.parse_pointer(rule))["bands"]) == 4


def test_try_it_scores_sample_answers_with_the_engine(signed_in, clone):
    page = signed_in.get(reverse("studio:try", args=[clone.pk])).content.decode()
    assert "มุมมองของกรรมการ" in page and "แบบฟอร์มของผู้สมัคร" in page
    response = signed_in.post(
        reverse("studio:try", args=[clone.pk]),
        {"ind-c3.i1": ["1", "2", "3", "4"], "gate-eligibility": "1"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert "คะแนนรวม <strong>10.00</strong>" in text
    assert "ทำได้ ๔ รายการ" in text
    assert "ผล: <strong>ไม่ได้รับรางวัล</strong>" in text


def test_another_esa_does_not_see_an_unshared_instrument(client, make_user, clone, staff):
    other = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(other)
    assert client.get(reverse("studio:edit", args=[clone.pk])).status_code == 404
    studio_sharing_set(instrument=clone, actor=staff, shared=True)
    page = client.get(reverse("studio:edit", args=[clone.pk]))
    assert page.status_code == 200
    assert "ดูได้อย่างเดียว" in page.content.decode()
    assert _save(client, clone, BAND, range="๓–๓").status_code == 404


def test_versions_page_shows_the_diff_of_the_draft_in_thai(signed_in, clone, staff):
    studio_publish(instrument=clone, actor=staff)
    level = "rubric.components.3.indicators.0.levels.0"
    _save(signed_in, clone, level, points="๙")
    page = signed_in.get(reverse("studio:versions", args=[clone.pk])).content.decode()
    assert "คะแนนสูงสุด ๑๐ → ๙" in page


def test_export_is_yaml(signed_in, clone):
    response = signed_in.get(reverse("studio:export_draft", args=[clone.pk]))
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert f"id: {clone.instrument_id}" in response.content.decode()


def test_the_list_runs_as_many_queries_with_more_instruments(
    signed_in, esa, staff, queries_at_two_sizes
):
    def grow(n: int) -> None:
        for _ in range(n):
            studio_instrument_clone(esa=esa, actor=staff, source_id="example-all-kinds")

    queries_at_two_sizes(reverse("studio:list"), grow)
