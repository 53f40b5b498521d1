from django.contrib import admin

from pramoen.orgs.models import (
    Award,
    DisciplinaryRecord,
    Enrollment,
    ImportBatch,
    Organization,
    Person,
    QualityCore,
    QualityNetworkMember,
    SchoolNetwork,
)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name_th", "kind", "code", "school_type", "esa_level", "province")
    list_filter = ("kind", "esa_level", "school_type")
    search_fields = ("name_th", "name_en", "code", "smis_code", "obec_code")
    raw_id_fields = ("parent", "network", "region")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("__str__", "position", "academic_standing", "organization")
    list_filter = ("position", "academic_standing")
    search_fields = ("first_name", "last_name")
    raw_id_fields = ("organization",)
    # The national ID is shown only through the staff UI, masked for everyone else.
    exclude = ("national_id",)


admin.site.register(SchoolNetwork)
admin.site.register(Enrollment)
admin.site.register(QualityCore)
admin.site.register(QualityNetworkMember)
admin.site.register(DisciplinaryRecord)
admin.site.register(Award)
admin.site.register(ImportBatch)
