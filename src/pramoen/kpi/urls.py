from django.urls import path

from pramoen.kpi import views

app_name = "kpi"

urlpatterns = [
    path("", views.index, name="index"),
    path("open/<int:round_id>/<int:esa_id>/", views.report_open, name="report_open"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/compute/", views.report_compute, name="report_compute"),
    path(
        "reports/<int:pk>/evidence/<slug:slot_id>/upload/",
        views.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "reports/<int:pk>/evidence/<slug:slot_id>/link/", views.evidence_link, name="evidence_link"
    ),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("evidence/<int:pk>/file/", views.evidence_download, name="evidence_download"),
    path("reports/<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("reports/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/return/", views.review_return, name="review_return"),
    path("review/<int:pk>/approve/", views.review_approve, name="review_approve"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
