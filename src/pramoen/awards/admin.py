from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from pramoen.awards.models import (
    Campaign,
    CampaignCategory,
    EligibilityCheck,
    Entry,
    EntryEvent,
    EvidenceFile,
)
from pramoen.awards.pins import UnknownInstrumentError, WrongInstrumentKindError, resolve_pin


class CampaignCategoryForm(forms.ModelForm):
    """Admin edits pass through the same pinning as the services: an unknown instrument id or one
    of the wrong kind is refused in Thai, and the stored hash is always the engine's."""

    class Meta:
        model = CampaignCategory
        fields = [
            "category",
            "domain",
            "size_class",
            "teacher_level",
            "learning_area",
            "eligibility_instrument_id",
            "scoring_instrument_id",
            "position",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field, kind in (
            ("eligibility_instrument_id", "eligibility"),
            ("scoring_instrument_id", "scoring"),
        ):
            value = data.get(field)
            if not value:
                continue
            try:
                pin = resolve_pin(value, kind=kind)
            except (UnknownInstrumentError, WrongInstrumentKindError) as exc:
                self.add_error(field, str(exc))
                continue
            setattr(self.instance, field.replace("_id", "_hash"), pin.version_hash)
        return data


class CampaignCategoryInline(admin.TabularInline):
    model = CampaignCategory
    form = CampaignCategoryForm
    extra = 0
    readonly_fields = ["eligibility_instrument_hash", "scoring_instrument_hash"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["__str__", "esa", "opens_on", "deadline"]
    list_filter = ["year_be"]
    list_select_related = ["esa"]
    raw_id_fields = ["esa", "cloned_from"]
    inlines = [CampaignCategoryInline]


class EntryEventInline(admin.TabularInline):
    model = EntryEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "at", "actor", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class EligibilityCheckInline(admin.TabularInline):
    """Read-only: overrides go through the screening page, which requires and audits a reason."""

    model = EligibilityCheck
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "title_th",
        "computed_outcome",
        "basis_th",
        "decision",
        "override_outcome",
        "reason",
        "decided_by",
        "decided_at",
    )

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class EvidenceFileInline(admin.TabularInline):
    """Read-only and without the stored path: files are served only by the checked download
    view (awards.evidence), never by a storage URL."""

    model = EvidenceFile
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "part",
        "slot_id",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    )

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read-only: entries change only through the services, which enforce the deadline."""

    list_display = ["__str__", "campaign", "school", "status", "eligibility", "submitted_at"]
    list_filter = ["status", "eligibility"]
    list_select_related = ["campaign", "school", "category"]
    readonly_fields = [f.name for f in Entry._meta.fields]
    inlines = [EligibilityCheckInline, EvidenceFileInline, EntryEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
