"""Parsing the scoring page's POST into indicator answers, and the small chair forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

NONE = "none-applies"  # the radio value of a rule's "none" option (never a level id or a number)


def indicators_from_post(shapes: dict[str, dict[str, Any]], data: QueryDict) -> dict[str, Any]:
    """``i-<path>`` ticked items, ``l-<path>`` level, ``c-<path>`` choice, ``v-<path>`` value.

    A checklist is answered once an item is ticked or the judge ticks ``a-<path>`` ("checked,
    none of the items is met"): an untouched checklist stays *not yet scored* (issue 20 — it
    used to count as "no items", so a judge could submit eight untouched indicators as 0). A
    level or choice of ``NONE`` is the rule's explicit "none of them applies" (``{"none": true}``).
    """
    answers: dict[str, Any] = {}
    for path, shape in shapes.items():
        if "checked" in shape:
            ticked = [int(raw) for raw in data.getlist(f"i-{path}") if raw.isdigit()]
            if ticked or f"a-{path}" in data:
                answers[path] = {"checked": sorted(set(ticked))}
        elif "level" in shape:
            raw = data.get(f"l-{path}", "")
            if raw == NONE:
                answers[path] = {"none": True}
            elif raw:
                answers[path] = {"level": raw}
        elif "choice" in shape:
            raw = data.get(f"c-{path}", "")
            if raw == NONE:
                answers[path] = {"none": True}
            elif raw.isdigit():
                answers[path] = {"choice": int(raw)}
        elif "value" in shape:
            raw = data.get(f"v-{path}", "").strip()
            if raw:
                answers[path] = {"value": raw}
        elif "pass" in shape and f"p-{path}" in data:
            answers[path] = {"pass": data[f"p-{path}"] == "1"}
    return answers


def comments_from_post(shapes: dict[str, Any], data: QueryDict) -> dict[str, str]:
    return {p: str(data[f"n-{p}"]).strip() for p in shapes if str(data.get(f"n-{p}", "")).strip()}


def confirmed_from_post(data: QueryDict) -> dict[str, str]:
    """``k-<path>``: the applicant's values the judge confirmed, as they were shown (the service
    keeps only confirmations that still match the entry's data)."""
    return {key[2:]: str(value) for key, value in data.items() if key.startswith("k-") and value}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ConsensusForm(ReasonForm):
    review = forms.IntegerField(widget=forms.HiddenInput)


def _display_name(user: Any) -> str:
    return str(user.display_name)


class CommitteeForm(forms.Form):
    """ESA staff set up (or change) the committee of one group."""

    chair: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("ประธานคณะกรรมการ"), queryset=None
    )
    members: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("กรรมการ"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    aggregation = forms.ChoiceField(label=_("วิธีรวมคะแนน"), choices=())
    max_spread = forms.DecimalField(
        label=_("คะแนนรวมของกรรมการต่างกันได้ไม่เกิน (คะแนน)"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
    )
    max_level_gap = forms.IntegerField(
        label=_("ระดับคุณภาพของตัวชี้วัดต่างกันได้ไม่เกิน (ระดับ)"), min_value=0, max_value=10
    )
    hide_others_until_submitted = forms.BooleanField(
        label=_("ซ่อนคะแนนของกรรมการอื่นจนกว่าจะส่งผลของตนเอง"), required=False
    )
    use_calibration = forms.BooleanField(
        label=_("ใช้คะแนนที่ปรับมาตรฐานรายกรรมการเป็นผลทางการ"), required=False
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        from pramoen.judging.enums import Aggregation

        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["chair"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["members"]).queryset = people
        cast(forms.ChoiceField, self.fields["aggregation"]).choices = Aggregation.choices
        for key in ("chair", "members"):
            field = cast(forms.ModelChoiceField, self.fields[key])
            field.label_from_instance = _display_name  # type: ignore[method-assign,assignment]


class ReviewPostForm(forms.Form):
    """The judge page's version (optimistic locking) and button; a GET may carry neither."""

    version = forms.IntegerField(
        required=False,
        min_value=-1,
        error_messages={
            "invalid": _("รุ่นของผลการประเมินที่ส่งมาไม่ถูกต้อง กรุณาโหลดหน้าใหม่"),
            "min_value": _("รุ่นของผลการประเมินที่ส่งมาไม่ถูกต้อง กรุณาโหลดหน้าใหม่"),
        },
    )
    action = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("save", "save"), ("submit", "submit")],
        error_messages={"invalid_choice": _("ไม่รู้จักคำสั่งนี้")},
    )

    def clean_version(self) -> int:
        value = self.cleaned_data.get("version")
        # Missing: an old page; the service then refuses it as stale rather than guessing.
        return -1 if value is None else value


class ListSearchForm(forms.Form):
    """A list page's search box (GET): a name to look for; bad input just lists everything."""

    q = forms.CharField(label=_("ค้นหาชื่อสถานศึกษาหรือผลงาน"), required=False, max_length=100)


class WorkspaceFilterForm(ListSearchForm):
    status = forms.ChoiceField(label=_("สถานะ"), required=False)

    def __init__(self, *args: Any, statuses: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("ทุกสถานะ")), *statuses.items()]  # type: ignore[attr-defined]


def list_filters(form: forms.Form) -> dict[str, Any]:
    """The cleaned filters of a bound, valid filter form; none otherwise."""
    return dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}


class GroupFilterForm(ListSearchForm):
    show = forms.ChoiceField(
        label=_("แสดง"),
        required=False,
        choices=[
            ("", _("ทุกผลงาน")),
            ("action", _("เฉพาะที่ต้องดำเนินการ (ยังไม่ตรวจคุณสมบัติ ค้างส่ง หรือคะแนนต่างกันเกินเกณฑ์)")),
        ],
    )


class ResultsFilterForm(ListSearchForm):
    group = forms.TypedChoiceField(label=_("กลุ่ม"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, groups: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g.pk, g.label_th) for g in groups]  # type: ignore[attr-defined]
