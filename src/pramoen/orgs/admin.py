from django.contrib import admin

from pramoen.orgs.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name_th", "kind", "code", "esa_level", "province")
    list_filter = ("kind", "esa_level")
    search_fields = ("name_th", "name_en", "code")
