from django.urls import path

from pramoen.core import job_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<int:pk>/", job_views.document_page, name="document"),
    path("documents/<int:pk>/file", job_views.document_file, name="document_file"),
]
