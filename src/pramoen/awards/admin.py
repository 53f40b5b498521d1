from __future__ import annotations

from django import forms
from django.contrib import admin

from pramoen.awards.models import Campaign, CampaignCategory
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

    def clean(self) -> dict:
        data = super().clean()
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
