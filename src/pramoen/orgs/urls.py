from django.urls import path

from pramoen.orgs import letterhead_views, quality_views, views

app_name = "orgs"

urlpatterns = [
    path("schools/", views.school_list, name="school_list"),
    path("schools/<int:pk>/", views.school_edit, name="school_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_edit, name="person_edit"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("import/template/<slug:kind>.<slug:fmt>", views.import_template, name="import_template"),
    path("quality/", quality_views.quality_list, name="quality_list"),
    path("quality/add/", quality_views.quality_add, name="quality_add"),
    path("quality/<int:pk>/", quality_views.quality_detail, name="quality_detail"),
    path("quality/<int:pk>/remove/", quality_views.quality_remove, name="quality_remove"),
    path("letterhead/", letterhead_views.letterhead_edit, name="letterhead"),
    path(
        "letterhead/template.docx",
        letterhead_views.letterhead_default_template,
        name="letterhead_template",
    ),
]
