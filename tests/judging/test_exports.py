"""The results workbook's cells (no database: plain objects stand in for the results)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

from openpyxl import load_workbook

from pramoen.judging.exports import results_workbook, score_value


def test_score_value_keeps_the_displayed_places_and_reads_thai_digits():
    assert score_value("๙๓.๑๐") == Decimal("93.10")
    assert str(score_value("93.10")) == "93.10"
    assert score_value("") == ""  # not a number: left as the text it is


def test_results_workbook_streams_a_generator_into_sortable_columns():
    school = SimpleNamespace(name_th="+ผลงาน")
    category = SimpleNamespace(label_th="ครูผู้สอน")

    def results():
        for rank, total, tier in ((1, "๙๕.๕๐", "gold"), (2, "48.00", "")):
            entry = SimpleNamespace(category=category, school=school, nominee_name="")
            label = "ทอง" if tier else ""
            yield SimpleNamespace(
                entry=entry, total_display=total, tier=tier, tier_label_th=label, rank=rank
            )

    campaign = SimpleNamespace(title_th="=ประกวด", year_be=2569)
    book = load_workbook(BytesIO(results_workbook(campaign=campaign, results=results())))
    sheet = book["ผลการตัดสิน"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # An entry without a tier has no rank title (issue 20): its rank cell stays empty.
    assert [(r[2], r[3], r[5]) for r in rows] == [("+ผลงาน", 95.5, 1), ("+ผลงาน", 48, None)]
    assert sheet.column_dimensions["C"].width >= 36 and sheet.freeze_panes == "A2"
    assert book["รายละเอียด"]["B2"].value == "=ประกวด"
    assert book["รายละเอียด"]["B2"].data_type == "s"
