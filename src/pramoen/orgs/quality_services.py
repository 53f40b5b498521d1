"""Writes of the quality-school registry (KPI 10, seed 003): a school's place in one academic
year — a core school (โรงเรียนหลัก: primary, secondary or stand-alone quality school) or a network
school (โรงเรียนเครือข่าย) of one core school — set, changed or removed by the ESA's staff.

Setting goes through ``services.quality_core_set`` / ``quality_member_set`` (audited on the row
they write). A removal is audited on the *school* (``orgs.organization``), not on the row it
deletes: the row is gone afterwards, and the audit viewer finds an ESA's events through objects
that still exist (``people.audit_scope``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction

from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.orgs.enums import QualityCoreKind
from pramoen.orgs.models import Organization, QualityCore, QualityNetworkMember
from pramoen.orgs.quality_selectors import NETWORK
from pramoen.orgs.services import quality_core_set, quality_member_set


def _core_facts(core: QualityCore) -> dict[str, object]:
    # "quality_kind", not "kind": the row is recorded on the school, whose own "kind" differs.
    return {"academic_year": core.academic_year, "quality_kind": core.kind}


def _member_facts(member: QualityNetworkMember) -> dict[str, object]:
    return {
        "academic_year": member.academic_year,
        "core_school": member.core.school_id,
        "integrated_learning": member.integrated_learning,
        "resource_sharing": member.resource_sharing,
        "participating": member.participating,
        "non_participation_reason": member.non_participation_reason,
    }


def _drop_member(
    member: QualityNetworkMember, *, school: Organization, actor: User, reason: str
) -> None:
    before = _member_facts(member)
    member.delete()
    audit_record(
        actor=actor,
        action="orgs.quality_member_remove",
        target=school,
        before=before,
        reason=reason,
    )


def _drop_core(core: QualityCore, *, school: Organization, actor: User, reason: str) -> None:
    if core.members.exists():
        raise ValidationError(
            "โรงเรียนนี้เป็นโรงเรียนหลักที่ยังมีโรงเรียนเครือข่าย กรุณาย้ายหรือนำโรงเรียนเครือข่ายออกก่อน"
        )
    before = _core_facts(core)
    core.delete()
    audit_record(
        actor=actor, action="orgs.quality_core_remove", target=school, before=before, reason=reason
    )


def _locked_school(school: Organization) -> Organization:
    # One writer per school at a time: the checks below read the school's other registry row.
    return Organization.objects.select_for_update().get(pk=school.pk)


@transaction.atomic
def quality_registry_set(
    *,
    school: Organization,
    academic_year: int,
    role: str,
    actor: User,
    core: QualityCore | None = None,
    integrated_learning: bool = False,
    resource_sharing: bool = False,
    participating: bool = True,
    non_participation_reason: str = "",
) -> models.Model:
    """Put ``school`` in the registry of ``academic_year`` as a core school of kind ``role``, or
    (``role="network"``) as a network school of ``core``; a school is one or the other in a year,
    so its other row of that year is removed (audited) first."""
    school = _locked_school(school)
    if not school.is_school:
        raise ValidationError("ทะเบียนโรงเรียนคุณภาพรับเฉพาะสถานศึกษา")
    member = QualityNetworkMember.objects.filter(school=school, academic_year=academic_year).first()
    own_core = QualityCore.objects.filter(school=school, academic_year=academic_year).first()
    if role in QualityCoreKind.values:
        if member is not None:
            _drop_member(member, school=school, actor=actor, reason="เปลี่ยนเป็นโรงเรียนหลัก")
        return quality_core_set(school=school, academic_year=academic_year, kind=role, actor=actor)
    if role != NETWORK:
        raise ValidationError("กรุณาเลือกบทบาทในทะเบียนโรงเรียนคุณภาพ")
    if core is None:
        raise ValidationError("กรุณาเลือกโรงเรียนหลักของโรงเรียนเครือข่ายนี้")
    if core.academic_year != academic_year:
        raise ValidationError("โรงเรียนหลักที่เลือกไม่ได้อยู่ในทะเบียนของปีการศึกษานี้")
    if core.school.parent_id != school.parent_id:
        raise ValidationError("โรงเรียนหลักต้องอยู่ในสำนักงานเขตพื้นที่การศึกษาเดียวกัน")
    if core.kind == QualityCoreKind.STAND_ALONE:
        raise ValidationError("โรงเรียน Stand Alone ไม่มีโรงเรียนเครือข่าย")
    if own_core is not None:
        _drop_core(own_core, school=school, actor=actor, reason="เปลี่ยนเป็นโรงเรียนเครือข่าย")
    return quality_member_set(
        core=core,
        school=school,
        integrated_learning=integrated_learning,
        resource_sharing=resource_sharing,
        participating=participating,
        non_participation_reason=non_participation_reason,
        actor=actor,
    )


@transaction.atomic
def quality_registry_remove(
    *, school: Organization, academic_year: int, actor: User, reason: str = ""
) -> None:
    """Take ``school`` out of the registry of ``academic_year`` (a core school only once it has no
    network schools left)."""
    school = _locked_school(school)
    member = QualityNetworkMember.objects.filter(school=school, academic_year=academic_year).first()
    if member is not None:
        _drop_member(member, school=school, actor=actor, reason=reason)
        return
    core = QualityCore.objects.filter(school=school, academic_year=academic_year).first()
    if core is None:
        raise ValidationError("โรงเรียนนี้ไม่อยู่ในทะเบียนโรงเรียนคุณภาพของปีการศึกษานี้")
    _drop_core(core, school=school, actor=actor, reason=reason)
