"""Read-only admin views: every KPI write goes through the audited services (or the commands)."""

from __future__ import annotations

from django.contrib import admin

from pramoen.core.admin import ReadOnlyAdmin
from pramoen.kpi.models import KpiCampaign, KpiEvidence, KpiReminder, KpiReport


@admin.register(KpiCampaign)
class KpiCampaignAdmin(ReadOnlyAdmin):
    list_display = ("title_th", "fiscal_year", "approval_chain", "created_at")


@admin.register(KpiReport)
class KpiReportAdmin(ReadOnlyAdmin):
    list_display = ("esa", "round", "status", "score", "first_submitted_at", "approved_at")
    list_filter = ("status", "round__kind", "round__campaign")
    search_fields = ("esa__name_th", "esa__code")
    list_select_related = ("esa", "round__campaign")


@admin.register(KpiEvidence)
class KpiEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("report", "slot_id", "kind", "original_name", "url", "uploaded_at")
    list_select_related = ("report__esa", "report__round__campaign")


@admin.register(KpiReminder)
class KpiReminderAdmin(ReadOnlyAdmin):
    list_display = ("round", "esa", "kind", "sent_at", "recipients")
    list_select_related = ("round__campaign", "esa")
