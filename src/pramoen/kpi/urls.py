from django.urls import path

from pramoen.kpi.views import (
    approval,
    campaigns,
    dashboard,
    documents,
    national,
    reporter,
    review,
)

app_name = "kpi"

urlpatterns = [
    path("", reporter.index, name="index"),
    path("open/<int:round_id>/<int:esa_id>/", reporter.report_open, name="report_open"),
    path("reports/<int:pk>/", reporter.report_detail, name="report"),
    path("reports/<int:pk>/submit/", reporter.report_submit, name="report_submit"),
    path("reports/<int:pk>/compute/", reporter.report_compute, name="report_compute"),
    path(
        "reports/<int:pk>/evidence/<slug:slot_id>/upload/",
        reporter.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "reports/<int:pk>/evidence/<slug:slot_id>/link/",
        reporter.evidence_link,
        name="evidence_link",
    ),
    path("evidence/<int:pk>/remove/", reporter.evidence_remove, name="evidence_remove"),
    path("evidence/<int:pk>/file/", reporter.evidence_download, name="evidence_download"),
    path("reports/<int:pk>/report.docx", documents.report_docx, name="report_docx"),
    path("reports/<int:pk>/report.pdf", documents.report_pdf, name="report_pdf"),
    path("review/", review.review_queue, name="review_queue"),
    path("review/<int:pk>/", review.review, name="review"),
    path("review/<int:pk>/return/", review.review_return, name="review_return"),
    path("review/<int:pk>/approve/", review.review_approve, name="review_approve"),
    path("reports/<int:pk>/accept/", approval.report_accept, name="report_accept"),
    path("reports/<int:pk>/unapprove/", approval.report_unapprove, name="report_unapprove"),
    path("reports/<int:pk>/unaccept/", approval.report_unaccept, name="report_unaccept"),
    path("accept/", approval.acceptance_queue, name="acceptance_queue"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/chain/", campaigns.campaign_chain, name="campaign_chain"),
    path("dashboard.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("national/", national.national_dashboard, name="national"),
    path("national/region/<int:region_id>/", national.national_region, name="national_region"),
    path("national/esa/<int:esa_id>/", national.national_esa, name="national_esa"),
    path("national/<slug:key>.xlsx", national.national_xlsx, name="national_xlsx"),
]
