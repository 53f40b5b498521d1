"""Read-only admin views: every judging write goes through the audited services."""

from __future__ import annotations

from django.contrib import admin

from pramoen.core.admin import ReadOnlyAdmin
from pramoen.judging.models import (
    Assignment,
    Certificate,
    CertificateBuild,
    Committee,
    ConflictOfInterest,
    EntryResult,
    Review,
)


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ("category", "chair", "aggregation", "use_calibration", "finalized_at")


@admin.register(ConflictOfInterest)
class ConflictAdmin(ReadOnlyAdmin):
    list_display = ("entry", "judge", "source", "overridden_at")
    list_filter = ("source",)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("entry", "judge", "automatic", "created_at")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("entry", "judge", "status", "version", "total", "updated_at")
    list_filter = ("status",)


@admin.register(EntryResult)
class EntryResultAdmin(ReadOnlyAdmin):
    list_display = (
        "entry",
        "total_display",
        "tier_label_th",
        "rank",
        "finalized_at",
        "reopened_at",
    )


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("short_code", "recipient", "award", "number", "issued_on", "revoked_at")
    search_fields = ("short_code", "recipient")


@admin.register(CertificateBuild)
class CertificateBuildAdmin(ReadOnlyAdmin):
    list_display = ("campaign", "status", "done", "total", "created_by", "created_at")
    list_filter = ("status",)
