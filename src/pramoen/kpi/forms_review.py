"""The review page's one form: a clear / not-clear choice and a comment for every issue.

Field names are ``<issue id>-clear`` and ``<issue id>-comment`` so every issue posts at once; a
wrong value is an error at its own field and the other issues are still saved (see the view).
"""

from __future__ import annotations

from typing import Any

from django import forms

from pramoen.kpi.services.review_marks import MarkInput
from pramoen.kpi.structure import ReviewPoint

COMMENT_MAX = 5000
_UNSET = ""


def _coerce(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


class ReviewMarksForm(forms.Form):
    def __init__(
        self, *args: Any, points: tuple[ReviewPoint, ...], marks: dict[str, Any], **kwargs: Any
    ) -> None:
        initial: dict[str, Any] = {}
        for point in points:
            mark = marks.get(point.id)
            if mark is not None:
                initial[f"{point.id}-clear"] = (
                    "1" if mark.clear else "0" if mark.clear is False else _UNSET
                )
                initial[f"{point.id}-comment"] = mark.comment
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[misc]  # keyword-only here
        self.points = points
        for point in points:
            self.fields[f"{point.id}-clear"] = forms.TypedChoiceField(
                label=f"ผลการพิจารณา ประเด็น {point.number}",
                choices=[("1", "ชัดเจน"), ("0", "ไม่ชัดเจน")],
                coerce=_coerce,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "ผลการพิจารณาต้องเป็น “ชัดเจน” หรือ “ไม่ชัดเจน” เท่านั้น"},
            )
            self.fields[f"{point.id}-comment"] = forms.CharField(
                label=f"ความเห็น ประเด็น {point.number}",
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": "ความเห็นยาวเกิน %(limit_value)d ตัวอักษร (ตอนนี้ %(show_value)d) "
                    "กรุณาย่อให้สั้นลง"
                },
            )

    def rows(self) -> list[tuple[ReviewPoint, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"{p.id}-clear"], self[f"{p.id}-comment"]) for p in self.points]

    def valid_marks(self) -> dict[str, MarkInput]:
        """The issues whose two fields are both valid (call after ``is_valid()``): saved even
        when another issue's field is wrong, so nothing the reviewer typed is lost."""
        out = {}
        for point in self.points:
            clear_name, comment_name = f"{point.id}-clear", f"{point.id}-comment"
            if clear_name in self.errors or comment_name in self.errors:
                continue
            out[point.id] = MarkInput(
                clear=self.cleaned_data.get(clear_name),
                comment=self.cleaned_data.get(comment_name) or "",
            )
        return out
