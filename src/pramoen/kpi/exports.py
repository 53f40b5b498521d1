"""Files the KPI app hands out: the 12-month Word/PDF report, the dashboard workbook, the chart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.http import content_disposition_header
from pydantic import ValidationError as PydanticValidationError

from pramoen.documents.kpi_report import (
    ReportRound,
    render_kpi_report_docx,
    render_kpi_report_pdf,
    report_data_from_answers,
)
from pramoen.documents.workbooks import Column, Table, Value, write_table
from pramoen.kpi.models import KpiReport
from pramoen.kpi.selectors import Dashboard
from pramoen.thai import format_thai_datetime

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def content_disposition(filename: str) -> str:
    return content_disposition_header(True, filename)


def report_filename(report: KpiReport, fmt: str) -> str:
    year, kind = report.round.campaign.fiscal_year, report.round.kind
    return f"kpi{report.indicator.number}-{year}-{kind}-{report.esa.code or report.esa_id}.{fmt}"


def report_data(report: KpiReport, *, draft: bool | None = None):
    """The Word template's data from the report's answers (pydantic validates consistency).

    A report the ESA is still writing (draft, returned) is printed as a draft: its gaps marked
    in Thai instead of a refusal (issue 20)."""
    sent = report.submitted_at or timezone.now()
    return report_data_from_answers(
        report.answers,
        esa_name=report.esa.name_th,
        fiscal_year_be=report.round.campaign.fiscal_year,
        round=ReportRound(report.round.kind),
        report_date=timezone.localtime(sent).date(),
        draft=report.is_editable if draft is None else draft,
    )


def report_document(report: KpiReport, *, fmt: str, thai_digits: bool = False) -> bytes:
    data = report_data(report)
    if fmt == "pdf":
        return render_kpi_report_pdf(data, thai_digits=thai_digits)
    return render_kpi_report_docx(data, thai_digits=thai_digits)


def report_pdf_build(*, report: int, thai_digits: bool) -> bytes:
    """The PDF of a report, built by a worker (``core.generated``): LibreOffice takes seconds."""
    from pramoen.core.jobs import JobFailed
    from pramoen.documents.office import OfficeConversionError

    row = KpiReport.objects.select_related("round__campaign", "esa").get(pk=report)
    try:
        return report_document(row, fmt="pdf", thai_digits=thai_digits)
    except (PydanticValidationError, ValueError) as exc:
        raise JobFailed("สร้างรายงาน Word ไม่ได้: " + validation_message(exc)) from exc
    except OfficeConversionError as exc:
        raise JobFailed(str(exc).split(" / ")[0]) from exc


def validation_message(exc: Exception) -> str:
    """Thai part of a pydantic/ValueError message ("ไทย / English" → "ไทย")."""
    if isinstance(exc, PydanticValidationError):
        parts = []
        for error in exc.errors():
            message = str(error.get("msg", "")).removeprefix("Value error, ")
            if error.get("type") == "int_type" or error.get("type") == "missing":
                where = ".".join(str(p) for p in error.get("loc", ()))
                message = f"ยังไม่ได้กรอกตัวเลข ({where})"
            parts.append(message.split(" / ")[0])
        return "; ".join(parts)
    return str(exc).split(" / ")[0]


def dashboard_xlsx(board: Dashboard) -> bytes:
    """The dashboard's table (header frozen in row 1, numbers as numbers), streamed; the round's
    name and due date are on their own sheet so the table sorts and filters cleanly."""
    round = board.round
    twelve = round.kind == "12m"
    columns = [
        Column("รหัส", width=10),
        Column("สำนักงานเขตพื้นที่การศึกษา", width=48),
        Column("สถานะ", width=20),
        Column("ส่งเมื่อ", width=22),
        Column("ตรงเวลา/ล่าช้า", width=18),
        Column("คะแนน"),
    ]
    if twelve:
        columns.append(Column("ร้อยละโรงเรียนเครือข่ายที่เข้าร่วม (1.3.2.1)"))

    def rows() -> Iterator[list[Value]]:
        for row in board.rows:
            submitted = (
                format_thai_datetime(timezone.localtime(row.submitted_at), thai_digits=False)
                if row.submitted_at
                else ""
            )
            values: list[Value] = [
                row.esa_code,
                row.esa_name,
                row.status_label,
                submitted,
                row.timing_label,
                int(row.score) if row.score is not None else None,
            ]
            if twelve:
                values.append(row.network_percent)
            yield values

    table = Table(title=f"ตัวชี้วัด {round.get_kind_display()}", columns=columns, rows=rows())
    summary = Table(
        title="การกระจายคะแนน",
        columns=[Column("คะแนน"), Column("จำนวนเขต")],
        rows=[[points, count] for points, count in board.distribution],
    )
    due = format_thai_datetime(timezone.localtime(round.due_at), thai_digits=False)
    about = Table(
        title="รายละเอียด",
        columns=[Column("รายการ", width=14), Column("ข้อมูล", width=60)],
        rows=[
            [
                "รายงาน",
                f"รายงานตัวชี้วัด {round.get_kind_display()} ปีงบประมาณ {round.campaign.fiscal_year}",
            ],
            ["กำหนดส่ง", due],
        ],
    )
    return write_table(table, extra=[summary, about])


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    x: int
    y: int
    width: int
    height: int
    text_x: int


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: list[Bar]


def distribution_chart(board: Dashboard, *, width: int = 420, height: int = 200) -> Chart:
    """Bar positions for the server-rendered SVG of the score distribution (no JavaScript)."""
    top, bottom = 20, 30
    plot = height - top - bottom
    slot = width // max(len(board.distribution), 1)
    most = max(board.max_count, 1)
    bars = []
    for index, (points, count) in enumerate(board.distribution):
        bar_height = round(plot * count / most)
        x = index * slot + slot // 6
        bar_width = slot - slot // 3
        bars.append(
            Bar(
                label=f"{points} คะแนน",
                count=count,
                x=x,
                y=top + plot - bar_height,
                width=bar_width,
                height=bar_height,
                text_x=x + bar_width // 2,
            )
        )
    return Chart(width=width, height=height, baseline=top + plot, bars=bars)
