from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from pramoen.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("ข้อมูลเพิ่มเติม", {"fields": ("name_prefix", "phone")}),
    )
    inlines = [MembershipInline]
    list_display = ("username", "email", "name_prefix", "first_name", "last_name", "is_active")
