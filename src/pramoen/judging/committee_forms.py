"""One form per action of the chair's committee page, each choice scoped to the committee's group.

An id that is not a number, or names a row of another group, is a Thai form error (and the view
answers 400), never a 500 from ``int()`` nor a 404 that tells another group's rows exist.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from pramoen.accounts.models import User
from pramoen.awards.models import Entry
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, ConflictOfInterest, Review


def _choice(queryset: Any, what: str, *, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=queryset,
        required=required,
        error_messages={
            "required": f"กรุณาเลือก{what}",
            "invalid_choice": f"ไม่พบ{what}นี้ในกลุ่มของคณะกรรมการนี้ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
        },
    )


_REASON = forms.CharField(required=False, max_length=2000)


class CommitteeActionForm(forms.Form):
    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        self.committee = committee
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self) -> None:
        """Scope the choice fields to ``self.committee``."""

    def entries(self) -> Any:
        return Entry.objects.filter(category=self.committee.category)


class AutoAssignForm(CommitteeActionForm):
    pass


class ConsensusForm(CommitteeActionForm):
    reason = _REASON

    def setup(self) -> None:
        self.fields["review"] = _choice(
            Review.objects.filter(
                entry__category=self.committee.category, status=ReviewStatus.SUBMITTED
            ).select_related("entry"),
            "ผลการประเมินที่ส่งแล้ว",
        )


class ReturnForm(CommitteeActionForm):
    reason = _REASON

    def setup(self) -> None:
        self.fields["review"] = _choice(
            Review.objects.filter(entry__category=self.committee.category), "ผลการประเมิน"
        )


class AssignForm(CommitteeActionForm):
    def setup(self) -> None:
        self.fields["entry"] = _choice(self.entries(), "ผลงาน")
        self.fields["judge"] = _choice(self.committee.members.all(), "กรรมการ")


class UnassignForm(CommitteeActionForm):
    def setup(self) -> None:
        self.fields["assignment"] = _choice(
            Assignment.objects.filter(entry__category=self.committee.category), "การมอบหมาย"
        )


class OverrideForm(CommitteeActionForm):
    """A recorded conflict, or an org-chart one the page showed (entry + judge + source)."""

    reason = _REASON
    source = forms.CharField(required=False, max_length=50)

    def setup(self) -> None:
        self.fields["conflict"] = _choice(
            ConflictOfInterest.objects.filter(entry__category=self.committee.category),
            "ส่วนได้เสีย",
            required=False,
        )
        self.fields["entry"] = _choice(
            self.entries().select_related("school"), "ผลงาน", required=False
        )
        seated = Q(pk=self.committee.chair_id) | Q(judging_committees=self.committee)
        self.fields["judge"] = _choice(
            User.objects.filter(seated).distinct(), "กรรมการ", required=False
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = data.get("entry") and data.get("judge") and data.get("source")
        if not self.errors and not data.get("conflict") and not named:
            raise forms.ValidationError("ไม่พบส่วนได้เสียที่ต้องการอนุญาต กรุณาโหลดหน้าใหม่")
        return data


class EligibilityForm(CommitteeActionForm):
    eligible = forms.TypedChoiceField(
        choices=[("1", "ผ่าน"), ("0", "ไม่ผ่าน")],
        coerce=lambda value: value == "1",
        error_messages={"required": "กรุณาเลือกผลการตรวจคุณสมบัติ"},
    )
    reason = _REASON

    def setup(self) -> None:
        self.fields["entry"] = _choice(self.entries(), "ผลงาน")


class FinalizeForm(CommitteeActionForm):
    version = forms.IntegerField(
        min_value=0,
        error_messages={
            "required": "หน้านี้ไม่ได้ระบุรุ่นของข้อมูลกลุ่ม กรุณาโหลดหน้าใหม่",
            "invalid": "รุ่นของข้อมูลกลุ่มไม่ถูกต้อง กรุณาโหลดหน้าใหม่",
            "min_value": "รุ่นของข้อมูลกลุ่มไม่ถูกต้อง กรุณาโหลดหน้าใหม่",
        },
    )


ACTION_FORMS: dict[str, type[CommitteeActionForm]] = {
    "auto_assign": AutoAssignForm,
    "consensus": ConsensusForm,
    "return": ReturnForm,
    "assign": AssignForm,
    "unassign": UnassignForm,
    "override": OverrideForm,
    "eligibility": EligibilityForm,
    "finalize": FinalizeForm,
}
