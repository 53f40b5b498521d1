from django.urls import path

from pramoen.core.throttle import throttle_by_ip
from pramoen.judging import views

app_name = "judging"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("entry/<int:entry_id>/", views.review_page, name="review"),
    path("entry/<int:entry_id>/autosave/", views.review_autosave, name="autosave"),
    path("entry/<int:entry_id>/scores/", views.entry_scores, name="scores"),
    path("entry/<int:entry_id>/portfolio.pdf", views.portfolio, name="portfolio"),
    path("entry/<int:entry_id>/appeal/", views.appeal, name="appeal"),
    path("entry/<int:entry_id>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("committees/", views.committees, name="committees"),
    path("committees/<int:pk>/", views.committee_page, name="committee"),
    path("campaigns/", views.staff_index, name="staff_index"),
    path(
        "campaigns/<int:campaign_id>/committees/",
        views.campaign_committees,
        name="campaign_committees",
    ),
    path(
        "campaigns/<int:campaign_id>/committees/<int:category_id>/",
        views.committee_edit,
        name="committee_edit",
    ),
    path("results/<int:campaign_id>/", throttle_by_ip("results")(views.results), name="results"),
    path(
        "results/<int:campaign_id>/results.xlsx",
        throttle_by_ip("results")(views.results_xlsx),
        name="results_xlsx",
    ),
    path(
        "results/<int:campaign_id>/certificates/",
        views.certificates_build,
        name="certificates_build",
    ),
    path(
        "results/<int:campaign_id>/certificates/list/",
        views.certificates_page,
        name="certificates",
    ),
    path(
        "results/<int:campaign_id>/certificates/builds/<int:build_id>/",
        views.certificates_progress,
        name="certificates_progress",
    ),
    path(
        "results/<int:campaign_id>/certificates/download.<str:kind>",
        views.certificates_file,
        name="certificates_file",
    ),
    path("verify/<str:code>/", throttle_by_ip("verify")(views.verify), name="verify"),
    path("verify/<str:code>/revoke/", views.revoke, name="revoke"),
]
