from django.urls import path

from pramoen.studio import editor_views, version_views, views

app_name = "studio"

urlpatterns = [
    path("", views.studio_list, name="list"),
    path("new/", views.studio_create, name="create"),
    path("clone/", views.studio_clone, name="clone"),
    path("<int:pk>/", editor_views.studio_edit, name="edit"),
    path("<int:pk>/element/", editor_views.studio_element, name="element"),
    path("<int:pk>/restructure/", editor_views.studio_restructure, name="restructure"),
    path("<int:pk>/lint/", editor_views.studio_lint, name="lint"),
    path("<int:pk>/resolve/", editor_views.studio_resolve, name="resolve"),
    path("<int:pk>/try/", version_views.studio_try, name="try"),
    path("<int:pk>/versions/", version_views.studio_versions_page, name="versions"),
    path("<int:pk>/publish/", version_views.studio_publish_view, name="publish"),
    path("<int:pk>/share/", version_views.studio_share_view, name="share"),
    path("<int:pk>/import/", version_views.studio_import_view, name="import"),
    path("<int:pk>/export.yaml", version_views.studio_export_draft, name="export_draft"),
    path(
        "<int:pk>/versions/<int:number>.yaml",
        version_views.studio_export_version,
        name="export_version",
    ),
]
