"""From the kpi10-12m instrument's form answers to :class:`KpiReportData`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pramoen.documents.kpi_report.data import (
    EsaBestPractice,
    Impacts,
    KpiReportData,
    NetworkSchools,
    Reporter,
    ReportRound,
    SchoolBestPractice,
    SchoolBestPracticeEntry,
    Section13,
    SectionProgress,
    TwoYearCount,
)
from pramoen.thai import parse_int

# Form field ids of the kpi10-12m instrument (src/pramoen/library/kpi10/kpi10-12m.yaml) that the
# report reads; a test checks both directions against the YAML so the two cannot drift apart.
REPORT_FIELD_IDS: tuple[str, ...] = (
    "s1_1_operations",
    "s1_1_results",
    "s1_2_operations",
    "s1_2_results",
    "s1_3_operations",
    "network_total",
    "network_participating",
    "integrated_previous_year",
    "integrated_current_year",
    "integrated_reasons",
    "sharing_previous_year",
    "sharing_current_year",
    "sharing_reasons",
    "s1_3_qualitative",
    "s1_4_operations",
    "s1_4_results",
    "s1_5_operations",
    "s1_5_results",
    "impact_learners",
    "impact_teachers_administrators",
    "impact_schools",
    "impact_partners",
    "esa_bp_management",
    "esa_bp_management_title",
    "esa_bp_management_steps",
    "esa_bp_management_results",
    "esa_bp_sharing",
    "esa_bp_sharing_title",
    "esa_bp_sharing_steps",
    "esa_bp_sharing_results",
    "school_bp_management",
    "school_bp_management_list",
    "school_bp_teaching",
    "school_bp_teaching_list",
    "problems",
    "suggestions",
    "reporter_name",
    "reporter_position",
    "reporter_phone",
    "reporter_email",
)


def _count(value: Any) -> Any:
    # Answers keep numbers as JSON numbers or strings (Thai digits and separators allowed).
    return parse_int(value) if isinstance(value, str) else value


def report_data_from_answers(
    fields: Mapping[str, Any],
    *,
    esa_name: str,
    fiscal_year_be: int,
    round: ReportRound = ReportRound.TWELVE_MONTHS,
    report_date: dt.date | None = None,
    previous_academic_year_be: int | None = None,
    current_academic_year_be: int | None = None,
    draft: bool = False,
) -> KpiReportData:
    """Build the report from the ``fields`` of a kpi10-12m answers document.

    Raises :class:`pydantic.ValidationError` (Thai messages) when the answers contradict each
    other, e.g. "มี" without a title, or more participating schools than network schools, and
    when a value is missing — unless ``draft``: a draft is printed with its gaps marked.
    """

    def text(field_id: str) -> str:
        value = fields.get(field_id)
        return "" if value is None else str(value)

    def esa_practice(prefix: str) -> EsaBestPractice:
        return EsaBestPractice(
            has=bool(fields.get(prefix)),
            title=text(f"{prefix}_title"),
            steps=text(f"{prefix}_steps"),
            results=text(f"{prefix}_results"),
        )

    def school_practice(prefix: str) -> SchoolBestPractice:
        rows = fields.get(f"{prefix}_list") or []
        return SchoolBestPractice(
            has=bool(fields.get(prefix)),
            entries=tuple(
                SchoolBestPracticeEntry(
                    school_name=str(row.get("school_name") or ""), title=str(row.get("title") or "")
                )
                for row in rows
            ),
        )

    def progress(number: str) -> SectionProgress:
        return SectionProgress(
            operations=text(f"s{number}_operations"), results=text(f"s{number}_results")
        )

    return KpiReportData(
        esa_name=esa_name,
        fiscal_year_be=fiscal_year_be,
        round=round,
        draft=draft,
        previous_academic_year_be=previous_academic_year_be,
        current_academic_year_be=current_academic_year_be,
        section_1_1=progress("1_1"),
        section_1_2=progress("1_2"),
        section_1_3=Section13(
            operations=text("s1_3_operations"),
            quantitative=NetworkSchools(
                total=_count(fields.get("network_total")),
                participating=_count(fields.get("network_participating")),
                integrated_learning=TwoYearCount(
                    previous_year=_count(fields.get("integrated_previous_year")),
                    current_year=_count(fields.get("integrated_current_year")),
                ),
                integrated_learning_reasons=text("integrated_reasons"),
                resource_sharing=TwoYearCount(
                    previous_year=_count(fields.get("sharing_previous_year")),
                    current_year=_count(fields.get("sharing_current_year")),
                ),
                resource_sharing_reasons=text("sharing_reasons"),
            ),
            qualitative=text("s1_3_qualitative"),
        ),
        section_1_4=progress("1_4"),
        section_1_5=progress("1_5"),
        impacts=Impacts(
            learners=text("impact_learners"),
            teachers_and_administrators=text("impact_teachers_administrators"),
            schools=text("impact_schools"),
            partners=text("impact_partners"),
        ),
        esa_management=esa_practice("esa_bp_management"),
        esa_resource_sharing=esa_practice("esa_bp_sharing"),
        school_management=school_practice("school_bp_management"),
        school_teaching=school_practice("school_bp_teaching"),
        problems=text("problems"),
        suggestions=text("suggestions"),
        reporter=Reporter(
            name=text("reporter_name"),
            position=text("reporter_position"),
            phone=text("reporter_phone"),
            email=text("reporter_email"),
            report_date=report_date,
        ),
    )
