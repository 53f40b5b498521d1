from django.contrib import admin
from django.http import HttpRequest

from pramoen.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records whose changes go through services (audited): the admin shows them, never edits."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = (
        "occurred_at",
        "actor_repr",
        "action",
        "target_type",
        "target_id",
        "target_repr",
    )
    list_filter = ("action", "target_type")
    search_fields = ("actor_repr", "target_repr", "target_id", "reason")
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
