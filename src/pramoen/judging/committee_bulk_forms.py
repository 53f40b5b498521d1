"""The bulk committee page's two forms: the grid (one chair and judges per group of the page)
and "the same committee for these groups". Choices are the ESA's judges and chairs only, so a
person id of another ESA, or not a number, is a Thai field error (400), never a 500."""

from __future__ import annotations

from typing import Any

from django import forms

from pramoen.awards.models import CampaignCategory
from pramoen.judging.services.committee_bulk import Seat

_UNKNOWN = "ไม่พบรายชื่อนี้ในกรรมการของเขต กรุณาโหลดหน้าใหม่แล้วเลือกอีกครั้ง"


class _Person(forms.ChoiceField):
    """One of ``people`` (read once for the whole page: no query per row), cleaned to the user."""

    def __init__(self, *, people: dict[str, Any], **kwargs: Any) -> None:
        self.people = people
        choices = [("", "— ยังไม่เลือก —"), *((pk, u.display_name) for pk, u in people.items())]
        super().__init__(choices=choices, required=False, **kwargs)
        self.error_messages["invalid_choice"] = _UNKNOWN

    def clean(self, value: Any) -> Any:
        key = super().clean(value)
        return self.people.get(key) if key else None


class _People(forms.MultipleChoiceField):
    widget = forms.SelectMultiple(attrs={"size": 6})

    def __init__(self, *, people: dict[str, Any], **kwargs: Any) -> None:
        self.people = people
        choices = [(pk, u.display_name) for pk, u in people.items()]
        super().__init__(choices=choices, required=False, **kwargs)
        self.error_messages["invalid_choice"] = _UNKNOWN
        self.error_messages["invalid_list"] = "รายชื่อกรรมการไม่ถูกต้อง กรุณาโหลดหน้าใหม่"

    def clean(self, value: Any) -> list[Any]:
        return [self.people[key] for key in super().clean(value)]


def people_choices(people: Any) -> dict[str, Any]:
    """The candidates as the fields take them: id (as posted) → user, in display order."""
    return {str(u.pk): u for u in people}


class CommitteeGridForm(forms.Form):
    """``chair-<group>`` and ``members-<group>`` for each group of the page."""

    def __init__(self, *args: Any, groups: list[CampaignCategory], people: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            self.fields[f"chair-{group.pk}"] = _Person(
                people=people, label=f"ประธาน {group.label_th}"
            )
            self.fields[f"members-{group.pk}"] = _People(
                people=people, label=f"กรรมการ {group.label_th}"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for group in self.groups:
            chair, members = data.get(f"chair-{group.pk}"), data.get(f"members-{group.pk}")
            has_committee = hasattr(group, "committee")
            if chair is None and (members or has_committee):
                self.add_error(f"chair-{group.pk}", f"{group.label_th}: กรุณาเลือกประธานคณะกรรมการ")
        return data

    def seats(self) -> list[Seat]:
        """The groups given a chair, in page order (groups left empty are not touched)."""
        data = self.cleaned_data
        return [
            Seat(
                category=group,
                chair=data[f"chair-{group.pk}"],
                members=tuple(data.get(f"members-{group.pk}") or ()),
            )
            for group in self.groups
            if data.get(f"chair-{group.pk}") is not None
        ]

    def rows(self) -> list[dict[str, Any]]:
        """Each group with its two bound fields, for the template."""
        return [
            {"group": g, "chair": self[f"chair-{g.pk}"], "members": self[f"members-{g.pk}"]}
            for g in self.groups
        ]


class SameCommitteeForm(forms.Form):
    """One chair and judges for every ticked group of the page."""

    def __init__(self, *args: Any, groups: list[CampaignCategory], people: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["groups"] = forms.MultipleChoiceField(
            choices=[(str(g.pk), g.label_th) for g in groups],
            label="กลุ่มที่ใช้คณะกรรมการชุดนี้",
            error_messages={
                "required": "กรุณาติ๊กกลุ่มที่จะใช้คณะกรรมการชุดเดียวกันอย่างน้อยหนึ่งกลุ่ม",
                "invalid_choice": "ไม่พบกลุ่มที่เลือกในหน้านี้ กรุณาโหลดหน้าใหม่",
            },
        )
        self.fields["same_chair"] = _Person(people=people, label="ประธานคณะกรรมการ")
        self.fields["same_members"] = _People(people=people, label="กรรมการ")
        self.groups = groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "same_chair" in data and data["same_chair"] is None:
            self.add_error("same_chair", "กรุณาเลือกประธานคณะกรรมการ")
        return data

    def seats(self) -> list[Seat]:
        data = self.cleaned_data
        ticked = set(data["groups"])
        members = tuple(data.get("same_members") or ())
        # The page's own group objects (their committee already read), in page order.
        return [
            Seat(category=g, chair=data["same_chair"], members=members)
            for g in self.groups
            if str(g.pk) in ticked
        ]
