from django.urls import path

from pramoen.core.throttle import throttle_by_ip
from pramoen.judging.views import (
    certificates,
    chair,
    committee_bulk,
    judge,
    reliability,
    results,
    staff,
)

app_name = "judging"

urlpatterns = [
    path("", judge.workspace, name="workspace"),
    path("entry/<int:entry_id>/", judge.review_page, name="review"),
    path("entry/<int:entry_id>/autosave/", judge.review_autosave, name="autosave"),
    path("entry/<int:entry_id>/scores/", judge.entry_scores, name="scores"),
    path("entry/<int:entry_id>/portfolio.pdf", judge.portfolio, name="portfolio"),
    path("entry/<int:entry_id>/appeal/", results.appeal, name="appeal"),
    path("entry/<int:entry_id>/conflict/", judge.declare_conflict, name="declare_conflict"),
    path("committees/", chair.committees, name="committees"),
    path("committees/<int:pk>/", chair.committee_page, name="committee"),
    path(
        # before the chair's actions: "reliability" is a page, not an action
        "committees/<int:pk>/reliability/",
        reliability.committee_reliability,
        name="committee_reliability",
    ),
    path(
        "committees/<int:pk>/auto-assign/",
        chair.committee_auto_assign,
        name="committee_auto_assign",
    ),
    path(
        "committees/<int:pk>/<slug:action>/",
        chair.committee_action,
        name="committee_action",
    ),
    path(
        "campaigns/<int:campaign_id>/reliability/",
        reliability.campaign_reliability_page,
        name="campaign_reliability",
    ),
    path("campaigns/", staff.staff_index, name="staff_index"),
    path(
        "campaigns/<int:campaign_id>/committees/",
        staff.campaign_committees,
        name="campaign_committees",
    ),
    path(
        "campaigns/<int:campaign_id>/committees/copy/",
        staff.committees_copy,
        name="committees_copy",
    ),
    path(
        "campaigns/<int:campaign_id>/committees/bulk/",
        committee_bulk.committees_bulk,
        name="committees_bulk",
    ),
    path(
        "campaigns/<int:campaign_id>/committees/<int:category_id>/",
        staff.committee_edit,
        name="committee_edit",
    ),
    path(
        "results/<int:campaign_id>/",
        throttle_by_ip("results")(results.results),
        name="results",
    ),
    path(
        "results/<int:campaign_id>/results.xlsx",
        throttle_by_ip("results")(results.results_xlsx),
        name="results_xlsx",
    ),
    path(
        "results/<int:campaign_id>/certificates/",
        certificates.certificates_build,
        name="certificates_build",
    ),
    path(
        "results/<int:campaign_id>/certificates/list/",
        certificates.certificates_page,
        name="certificates",
    ),
    path(
        "results/<int:campaign_id>/certificates/builds/<int:build_id>/",
        certificates.certificates_progress,
        name="certificates_progress",
    ),
    path(
        "results/<int:campaign_id>/certificates/download.<str:kind>",
        certificates.certificates_file,
        name="certificates_file",
    ),
    path("verify/<str:code>/", throttle_by_ip("verify")(certificates.verify), name="verify"),
    path("certificate/<str:code>.pdf", certificates.my_certificate, name="my_certificate"),
    path("verify/<str:code>/revoke/", certificates.revoke, name="revoke"),
]
