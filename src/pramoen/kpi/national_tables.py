"""Each national chart as one table: the same rows feed the ECharts chart (``chart`` spec), the
table view under it and its Excel export, so the three can never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pramoen.documents.workbooks import Column, write_table
from pramoen.documents.workbooks import Table as Sheet
from pramoen.kpi.national import EsaRow, GroupFigures, NationalBoard

Cell = str | int | Decimal | None


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    # ECharts: the categories (first column) and which numeric columns are drawn as series.
    chart_kind: str = "bar"
    series_columns: list[int] = field(default_factory=list)
    stacked: bool = False
    links: list[str] = field(default_factory=list)  # drill-down URL per row ("" for none)
    xlsx_url: str = ""
    colors: list[str] = field(default_factory=list)

    @property
    def chart_id(self) -> str:
        return f"chart-data-{self.key}"

    def chart(self) -> dict[str, Any]:
        """The data the page's script turns into an ECharts option (json_script, no code)."""

        def number(value: Cell) -> float | None:
            return float(value) if isinstance(value, int | Decimal) else None

        return {
            "kind": self.chart_kind,
            "stacked": self.stacked,
            "colors": self.colors,
            "categories": [str(row[0]) for row in self.rows],
            "series": [
                {"name": self.headers[col], "data": [number(row[col]) for row in self.rows]}
                for col in self.series_columns
            ],
        }

    def linked_rows(self) -> list[tuple[list[Cell], str]]:
        links = self.links or [""] * len(self.rows)
        return list(zip(self.rows, links, strict=True))


GROUP_HEADERS = [
    "เขตที่ต้องรายงาน",
    "ส่งแล้ว",
    "ส่งตรงเวลา",
    "ส่งล่าช้า",
    "ยังไม่ส่ง",
    "ร้อยละที่ส่ง",
    "ร้อยละตรงเวลา",
    "อนุมัติแล้ว",
    "สพฐ. รับรองแล้ว",
]


def _group_row(g: GroupFigures) -> list[Cell]:
    return [
        g.label,
        g.units,
        g.submitted,
        g.on_time,
        g.late,
        g.missing,
        g.completeness,
        g.timeliness,
        g.scored,
        g.accepted,
    ]


def group_table(key: str, title: str, first: str, groups: list[GroupFigures]) -> Table:
    return Table(
        key=key,
        title=title,
        headers=[first, *GROUP_HEADERS],
        rows=[_group_row(g) for g in groups],
        series_columns=[3, 4, 5],  # on time, late, not yet: stacked to the units
        stacked=True,
        colors=["#2e7d32", "#ef6c00", "#b0bec5"],
    )


def board_tables(board: NationalBoard) -> list[Table]:
    years = Table(
        key="years",
        title="รอบ 12 เดือน: จำนวนรวมรายปีงบประมาณ (รายงานที่ส่งแล้ว) และการเปลี่ยนแปลงจากปีก่อน",
        headers=[
            "ปีงบประมาณ",
            "รายงานที่ส่งแล้ว",
            "โรงเรียนเครือข่ายทั้งหมด",
            "โรงเรียนเครือข่ายที่เข้าร่วม",
            "ร้อยละที่เข้าร่วม",
            "เรียนรวม (ปีการศึกษาปัจจุบัน)",
            "เปลี่ยนแปลงจากปีก่อน (เรียนรวม)",
            "ใช้ทรัพยากรร่วมกัน (ปีการศึกษาปัจจุบัน)",
            "เปลี่ยนแปลงจากปีก่อน (ใช้ทรัพยากรร่วมกัน)",
        ],
        rows=[
            [
                str(y.fiscal_year),
                y.reports,
                y.network_total,
                y.network_participating,
                y.participation,
                y.integrated_current_year,
                y.change("integrated_current_year"),
                y.sharing_current_year,
                y.change("sharing_current_year"),
            ]
            for y in board.years
        ],
        series_columns=[3, 5, 7],
    )
    return [
        group_table("regions", "การส่งรายงานรายสำนักงานศึกษาธิการภาค", "ภาค", board.regions),
        group_table("levels", "การส่งรายงานตามประเภทเขตพื้นที่", "ประเภทเขต", board.levels),
        Table(
            key="scores",
            title="การกระจายคะแนน (รายงานที่อนุมัติแล้ว)",
            headers=["คะแนน", "จำนวนเขต"],
            rows=[[f"{points} คะแนน", count] for points, count in board.distribution],
            series_columns=[1],
        ),
        years,
    ]


def esa_table(title: str, rows: list[EsaRow], labels: dict[str, str]) -> Table:
    return Table(
        key="esas",
        title=title,
        headers=["สำนักงานเขตพื้นที่การศึกษา", "รหัส", "สถานะ", "ส่งตรงเวลา", "คะแนน"],
        rows=[
            [
                row.figures.label,
                row.code,
                labels.get(row.status, ""),
                ("ตรงเวลา" if row.figures.on_time else "ล่าช้า") if row.figures.submitted else "",
                int(row.score) if row.score is not None else None,
            ]
            for row in rows
        ],
        series_columns=[4],
    )


def table_xlsx(table: Table, heading: str) -> bytes:
    """The chart's table as a workbook: header frozen in row 1, numbers as numbers; the heading
    and title on their own sheet so the table sorts and filters cleanly."""
    columns = [Column(header, width=44 if i == 0 else 0) for i, header in enumerate(table.headers)]
    about = Sheet(
        title="รายละเอียด",
        columns=[Column("รายการ", width=14), Column("ข้อมูล", width=60)],
        rows=[["รายงาน", heading], ["ตาราง", table.title]],
    )
    return write_table(Sheet(title=table.key, columns=columns, rows=table.rows), extra=[about])
