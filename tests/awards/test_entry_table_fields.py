from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from django.urls import reverse
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.awards.entry_forms import EntryAnswersForm
from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.awards.services import campaign_create
from pramoen.instruments import LIBRARY_DIR, Instrument, load_instrument, validate_answers
from pramoen.instruments.scoring import compiled_for
from tests.awards.conftest import TEACHER_INNOVATION, campaign_fields

TEACHER = LIBRARY_DIR / "nara2" / "teacher"
LOG = "self_dev_log"


@cache
def _instruments() -> dict[str, Instrument]:
    return {
        "eligibility": load_instrument(TEACHER / "nara2-teacher-eligibility.yaml"),
        "scoring": load_instrument(TEACHER / "nara2-teacher-innovation.yaml"),
    }


def _row(n: int, **cells: str) -> dict[str, str]:
    return {f"{LOG}__{n}__{column}": value for column, value in cells.items()}


ROW_1 = _row(
    1,
    year_be="๒๕๖๘",
    times="๒",
    hours="๑๒",
    topic="อบรมการสอนแบบโครงงาน",
    provider="สพป.ทดสอบ",
    use_of_results="ใช้ในชั้นเรียน ป.๔",
)
ROW_2 = _row(
    2,
    year_be="2568",
    times="",
    hours="9",
    topic="ประชุมปฏิบัติการวิจัยในชั้นเรียน",
    provider="มหาวิทยาลัยราชภัฏ",
    use_of_results="ทำวิจัยในชั้นเรียน",
)
BLANK_3 = _row(3, year_be="", times="", hours="", topic="", provider="", use_of_results="")


def test_table_form_offers_stored_rows_plus_three_blank_rows_with_accessible_labels() -> None:
    answers = {"scoring": {"fields": {LOG: [{"year_be": 2568, "hours": 5, "topic": "ก"}]}}}
    form = EntryAnswersForm(instruments=_instruments(), answers=answers)
    (table,) = form.tables
    assert len(table.rows) == 4
    assert [c.value for c in table.rows[0]][:3] == ["2568", "", "5"]
    assert table.rows[3][2].name == f"{LOG}__4__hours"
    assert table.rows[3][2].aria_label == "จำนวนชั่วโมง แถวที่ ๔"


def test_table_form_drops_blank_rows_and_writes_rows_in_the_validated_shape() -> None:
    form = EntryAnswersForm({**ROW_1, **BLANK_3, **ROW_2}, instruments=_instruments(), answers={})
    assert form.is_valid(), form.errors
    answers = form.to_answers()
    assert answers["scoring"]["fields"][LOG] == [
        {
            "year_be": 2568,
            "times": 2,
            "hours": 12,
            "topic": "อบรมการสอนแบบโครงงาน",
            "provider": "สพป.ทดสอบ",
            "use_of_results": "ใช้ในชั้นเรียน ป.๔",
        },
        {
            "year_be": 2568,
            "hours": 9,
            "topic": "ประชุมปฏิบัติการวิจัยในชั้นเรียน",
            "provider": "มหาวิทยาลัยราชภัฏ",
            "use_of_results": "ทำวิจัยในชั้นเรียน",
        },
    ]
    scoring = _instruments()["scoring"]
    problems = [e for e in validate_answers(scoring, answers["scoring"]) if LOG in e.path]
    assert problems == []
    # 12 + 9 = 21 hours: ดีมาก (7 points), c2.i2 of the teacher form (seed 003 L660-669).
    result = compiled_for(scoring).evaluate(answers["scoring"])
    assert result.indicator("c2.i2").level == "very_good"
    assert result.indicator("c2.i2").points == 7


def test_table_form_bad_cell_names_row_and_column_in_thai() -> None:
    data = {**ROW_1, **_row(2, year_be="2568", hours="สิบ", topic="ก", provider="ข")}
    data[f"{LOG}__2__use_of_results"] = "ค"
    form = EntryAnswersForm(data, instruments=_instruments(), answers={})
    assert not form.is_valid()
    errors = form.non_field_errors()
    assert any(e.startswith("แถวที่ ๒ จำนวนชั่วโมง: ") for e in errors), errors
    # The typed values come back so nothing is lost.
    assert form.tables[0].rows[1][2].value == "สิบ"


def test_table_form_enforces_max_rows() -> None:
    instruments = dict(_instruments())
    scoring = instruments["scoring"].model_copy(deep=True)
    log = next(f for f in scoring.form.fields if f.id == LOG)
    object.__setattr__(log, "max_rows", 1)
    instruments["scoring"] = scoring
    unbound = EntryAnswersForm(instruments=instruments, answers={})
    assert len(unbound.tables[0].rows) == 1
    form = EntryAnswersForm({**ROW_1, **ROW_2}, instruments=instruments, answers={})
    assert not form.is_valid()
    assert f"{log.label_th}: กรอกได้ไม่เกิน ๑ แถว (กรอกมา ๒ แถว)" in form.non_field_errors()


def test_table_form_post_without_table_inputs_keeps_stored_rows() -> None:
    stored = [{"year_be": 2568, "hours": 5, "topic": "ก", "provider": "ข", "use_of_results": "ค"}]
    form = EntryAnswersForm(
        {"f__first_name": "กมล"},
        instruments=_instruments(),
        answers={"scoring": {"fields": {LOG: stored}}},
    )
    assert form.is_valid(), form.errors
    assert form.to_answers()["scoring"]["fields"][LOG] == stored


@pytest.fixture
def entry_url(client, make_user, esa, staff, school):
    now = timezone.now()
    campaign = campaign_create(
        esa=esa,
        actor=staff,
        categories=[TEACHER_INNOVATION],
        **campaign_fields(
            year_be=2570,
            opens_on=timezone.localdate(now) - dt.timedelta(days=1),
            deadline=now + dt.timedelta(days=10),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )
    client.force_login(make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None))
    response = client.post(
        reverse("awards:entry_new"),
        {
            "category": CampaignCategory.objects.get(campaign=campaign).pk,
            "school": school.pk,
            "nominee_name": "นางสาวกมลชนก สอนดี",
        },
    )
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.django_db
def test_entry_page_saves_table_rows_and_a_bad_cell_keeps_the_stored_rows(
    client, entry_url
) -> None:
    page = client.get(entry_url).content.decode()
    assert f'name="{LOG}__3__hours"' in page and 'aria-label="จำนวนชั่วโมง แถวที่ ๓"' in page
    bad = {**ROW_1, **_row(2, year_be="2568", hours="-1", topic="ก", provider="ข")}
    page = client.post(entry_url, {**bad, "f__first_name": "กมลชนก", "action": "save"})
    assert "แถวที่ ๒ จำนวนชั่วโมง" in page.content.decode()
    answers = Entry.objects.get().answers
    assert not (answers.get("scoring") or {}).get("fields", {}).get(LOG)
    # The rest of the draft is saved (issue 20: one bad cell does not block the draft).
    assert answers["scoring"]["fields"]["first_name"] == "กมลชนก"
    client.post(entry_url, {**ROW_1, **ROW_2, **BLANK_3, "action": "save"})
    saved = Entry.objects.get().answers["scoring"]["fields"][LOG]
    assert [row["hours"] for row in saved] == [12, 9]


@pytest.mark.django_db
def test_entry_table_is_read_only_text_after_the_deadline(client, entry_url) -> None:
    client.post(entry_url, {**ROW_1, "action": "save"})
    past = timezone.now() - dt.timedelta(minutes=1)
    Campaign.objects.filter().update(
        deadline=past, opens_on=timezone.localdate(past) - dt.timedelta(days=30)
    )
    page = client.get(entry_url).content.decode()
    assert "อบรมการสอนแบบโครงงาน" in page
    assert f'name="{LOG}__1__hours"' not in page
    client.post(entry_url, {**ROW_1, **ROW_2, "action": "save"})
    assert len(Entry.objects.get().answers["scoring"]["fields"][LOG]) == 1


def test_table_form_message_names_the_row_as_printed_on_the_page() -> None:
    data = {**BLANK_3, **_row(4, year_be="", hours="1", topic="ก", provider="ข")}
    data[f"{LOG}__4__use_of_results"] = "ค"
    form = EntryAnswersForm(data, instruments=_instruments(), answers={})
    assert not form.is_valid()
    assert any(e.startswith("แถวที่ ๔ ปี พ.ศ.: ") for e in form.non_field_errors())
