from django.urls import path

from pramoen.awards import (
    applicant_drafts,
    applicant_portfolio,
    applicant_views,
    duplicate_views,
    group_views,
    pin_views,
    studio_pins,
    views,
    wizard_views,
)

app_name = "awards"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/wizard/", wizard_views.campaign_wizard_start, name="campaign_wizard_start"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path(
        "campaigns/<int:pk>/wizard/<int:step>/",
        wizard_views.campaign_wizard,
        name="campaign_wizard",
    ),
    path(
        "campaigns/<int:pk>/wizard/criteria/<int:category_pk>/",
        wizard_views.campaign_wizard_criteria,
        name="campaign_wizard_criteria",
    ),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/clone/", views.campaign_clone_view, name="campaign_clone"),
    path("campaigns/<int:pk>/groups/", group_views.campaign_groups, name="campaign_groups"),
    path(
        "campaigns/<int:pk>/categories/<int:category_pk>/<slug:slot>/repin/",
        pin_views.category_repin_view,
        name="category_repin",
    ),
    path(
        "campaigns/<int:pk>/letters/<slug:kind>.<slug:fmt>",
        views.campaign_letter,
        name="campaign_letter",
    ),
    path("campaigns/<int:pk>/entries/", views.campaign_entries, name="campaign_entries"),
    path("studio/<int:version_pk>/pin/", studio_pins.studio_pin_view, name="studio_pin"),
    path(
        "campaigns/<int:pk>/entries/<int:entry_pk>/",
        views.staff_entry_detail,
        name="staff_entry_detail",
    ),
    path(
        "campaigns/<int:pk>/entries/<int:entry_pk>/duplicates/",
        duplicate_views.entry_duplicates_view,
        name="entry_duplicates",
    ),
    path(
        "campaigns/<int:pk>/entries/<int:entry_pk>/portfolio.pdf",
        views.staff_entry_portfolio,
        name="staff_entry_portfolio",
    ),
    path("campaigns/<int:pk>/screening/", views.campaign_screening, name="campaign_screening"),
    path(
        "campaigns/<int:pk>/screening/run/",
        views.campaign_screening_run,
        name="campaign_screening_run",
    ),
    path(
        "campaigns/<int:pk>/screening/checks/<int:check_pk>/override/",
        views.screening_check_override,
        name="screening_check_override",
    ),
    path(
        "campaigns/<int:pk>/screening/entries/<int:entry_pk>/confirm/",
        views.screening_entry_confirm,
        name="screening_entry_confirm",
    ),
    path("entries/", applicant_views.entry_list, name="entry_list"),
    path("entries/new/", applicant_views.entry_new, name="entry_new"),
    path("entries/criteria/<int:pk>/", applicant_views.category_criteria, name="category_criteria"),
    path("entries/<int:pk>/", applicant_views.entry_detail, name="entry_detail"),
    path(
        "entries/<int:pk>/portfolio/", applicant_portfolio.entry_portfolio, name="entry_portfolio"
    ),
    path(
        "entries/<int:pk>/portfolio.pdf",
        applicant_portfolio.entry_portfolio_download,
        name="entry_portfolio_download",
    ),
    path(
        "entries/<int:pk>/evidence/",
        applicant_views.entry_evidence_add,
        name="entry_evidence_add",
    ),
    path(
        "entries/<int:pk>/evidence/<int:file_pk>/remove/",
        applicant_views.entry_evidence_remove,
        name="entry_evidence_remove",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("entries/<int:pk>/confirm/", applicant_views.entry_confirm, name="entry_confirm"),
    path("entries/<int:pk>/withdraw/", applicant_drafts.entry_withdraw_view, name="entry_withdraw"),
    path("entries/<int:pk>/delete/", applicant_drafts.entry_delete_view, name="entry_delete"),
    path(
        "entries/<int:pk>/category/",
        applicant_drafts.entry_change_category_view,
        name="entry_change_category",
    ),
    path("entries/<int:pk>/receipt/", applicant_drafts.entry_receipt, name="entry_receipt"),
    path(
        "entries/<int:pk>/receipt.pdf",
        applicant_drafts.entry_receipt_pdf,
        name="entry_receipt_pdf",
    ),
]
