"""12-month counts prefill from the quality-school registry and stay editable, with a note."""

from __future__ import annotations

from django.urls import reverse

from pramoen.kpi import services
from pramoen.orgs.enums import OrganizationKind, QualityCoreKind
from pramoen.orgs.models import Organization, QualityCore, QualityNetworkMember


def _school(esa, n: int) -> Organization:
    return Organization.objects.create(
        kind=OrganizationKind.SCHOOL, code=f"{1100000000 + n}", name_th=f"โรงเรียน {n}", parent=esa
    )


def _registry(esa) -> None:
    core_school = _school(esa, 0)
    # (academic year, integrated, sharing, participating) per network school
    members = {
        2568: [(True, False, True), (False, True, True)],
        2569: [(True, True, True), (True, False, True), (False, True, True), (False, False, False)],
    }
    n = 1
    for year, rows in members.items():
        core = QualityCore.objects.create(
            academic_year=year, school=core_school, kind=QualityCoreKind.PRIMARY_QUALITY
        )
        for integrated, sharing, participating in rows:
            QualityNetworkMember.objects.create(
                core=core,
                academic_year=year,
                school=_school(esa, n),
                integrated_learning=integrated,
                resource_sharing=sharing,
                participating=participating,
                non_participation_reason="" if participating else "ระยะทางไกล",
            )
            n += 1


def test_twelve_month_counts_prefill_from_registry_and_note_differences(
    client, round_12m, esa_a, reporter_a
):
    _registry(esa_a)
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    expected = {
        "network_total": 4,
        "network_participating": 3,
        "integrated_previous_year": 1,
        "integrated_current_year": 2,
        "sharing_previous_year": 1,
        "sharing_current_year": 2,
    }
    assert {key: report.answers[key] for key in expected} == expected
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes={"network_total": 5},
    )
    client.force_login(reporter_a)
    html = client.get(reverse("kpi:report", args=[report.pk])).content.decode()
    note = html.split('data-testid="registry-differences"')[1].split("</div>")[0]
    assert "โรงเรียนเครือข่ายทั้งหมด: ทะเบียนโรงเรียนคุณภาพมี 4 แต่รายงานระบุ 5" in note
    assert "เรียนรวม" not in note
    computed = html.split('data-testid="computed"')[1].split("</p>")[0]
    assert "60.00" in computed and "เพิ่มขึ้น 1" in computed  # 3 of 5; 1 → 2


def test_reported_label_moves_the_forms_years_to_the_reported_fiscal_year():
    from pramoen.kpi.structure import load, reported_label

    plan = next(s for s in load("kpi10-6m").form.evidence if s.id == "ev1_1")
    assert plan.label_th.endswith("ในปีงบประมาณ พ.ศ.2566")  # transcribed as printed
    assert reported_label(plan.label_th, form_year=2566, fiscal_year=2570).endswith(
        "ในปีงบประมาณ พ.ศ.2570"
    )
    assert reported_label(plan.label_th, form_year=2566, fiscal_year=None) == plan.label_th
    fields = {f.id: f.label_th for f in load("kpi10-12m").form.fields}
    # The two-year table: academic years FY-1 and FY.
    assert reported_label(
        fields["integrated_previous_year"], form_year=2566, fiscal_year=2569
    ).endswith("ปีการศึกษา 2568")
    assert reported_label(
        fields["integrated_current_year"], form_year=2566, fiscal_year=2569
    ).endswith("ปีการศึกษา 2569")
    # "พุทธศักราช 2551" (the core curriculum's year) is not a reporting year and stays.
    focus = next(s for s in load("kpi10-6m").form.evidence if "พุทธศักราช 2551" in s.label_th)
    assert reported_label(focus.label_th, form_year=2566, fiscal_year=2570) == focus.label_th
