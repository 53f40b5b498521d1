"""The authorization matrix: what each role gets on a GET of every URL (own-ESA objects; the
``other_*`` accounts hold the same role in another ESA or school, so their column is the
"other ESA's object" case). ``row(default, exceptions)`` keeps a row short: the status most roles
get, then the roles that get another.

Reading guide: 302 for ``anonymous`` is the redirect to sign-in; 405 a POST-only URL; 403 the role
lacks the permission; 404 an object outside the user's ESA, school, committee or assignment —
reported as "not found" so its existence is not told. Review a change here as a change of who may
see what.
"""

from __future__ import annotations

from tests.security.world import ROLES


def row(default: int, exceptions: dict[str, int] | None = None) -> dict[str, int]:
    unknown = set(exceptions or {}) - set(ROLES)
    assert not unknown, unknown
    return {role: (exceptions or {}).get(role, default) for role in ROLES}


_STAFF_LIST = row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200})
_STAFF_OBJECT = row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 404})
_STAFF_MISSING = row(403, {"anonymous": 302, "admin": 404, "esa": 404, "other_esa": 404})

EXPECTED: dict[str, dict[str, int]] = {
    "accounts:login": row(302, {"anonymous": 200}),
    "accounts:logout": row(405),
    "accounts:password_change": row(200, {"anonymous": 302}),
    "accounts:password_change_done": row(200, {"anonymous": 302}),
    "accounts:password_reset": row(200),
    "accounts:password_reset_complete": row(200),
    "accounts:password_reset_confirm": row(200),
    "accounts:password_reset_done": row(200),
    "accounts:profile": row(200, {"anonymous": 302}),
    "accounts:api_token_create": row(405, {"anonymous": 302}),
    "accounts:api_token_revoke": row(405, {"anonymous": 302}),
    "accounts:two_factor": row(200, {"anonymous": 302}),
    "accounts:two_factor_recovery_codes": row(405, {"anonymous": 302}),
    "accounts:two_factor_setup": row(200, {"anonymous": 302}),
    "accounts:two_factor_verify": row(
        302,
        {
            "admin": 200,
            "esa": 200,
            "chair": 200,
            "judge": 200,
            "other_esa": 200,
            "other_chair": 200,
            "other_judge": 200,
        },
    ),
    "awards:campaign_clone": row(405),
    # the studio (issue 13): an ESA's instruments are its own unless it shares them
    "awards:studio_pin": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 404}),
    "studio:list": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    "studio:create": row(405),
    "studio:clone": row(405),
    "studio:restructure": row(405),
    "studio:resolve": row(405),
    "studio:publish": row(405),
    "studio:share": row(405),
    "studio:import": row(405),
    **{
        name: row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 404})
        for name in (
            "studio:edit",
            "studio:element",
            "studio:lint",
            "studio:try",
            "studio:versions",
            "studio:export_draft",
            "studio:export_version",
        )
    },
    "awards:campaign_groups": _STAFF_OBJECT,
    # the campaign wizard (issue 19): the world's edition is open, so its staff are sent to
    # the edition's page (the wizard sets up drafts only); another ESA's is not found
    "awards:campaign_wizard_start": _STAFF_LIST,
    "awards:campaign_wizard": row(
        403, {"anonymous": 302, "admin": 302, "esa": 302, "other_esa": 404}
    ),
    "awards:campaign_wizard_criteria": _STAFF_OBJECT,
    "awards:campaign_detail": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:campaign_edit": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    # the group is already on the current version: the page says so (200), nothing changes
    "awards:category_repin": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:campaign_entries": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:campaign_letter": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:campaign_list": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 200,
        },
    ),
    "awards:campaign_new": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    "awards:campaign_screening": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:campaign_screening_run": row(405),
    "awards:entry_confirm": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    "awards:entry_detail": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    # A group's criteria before applying: only groups open now to the applicant's own schools
    # (the world's group belongs to a closed edition).
    "awards:category_criteria": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    "awards:entry_evidence_add": row(405),
    "awards:entry_evidence_remove": row(405),
    "awards:entry_list": row(
        403,
        {
            "anonymous": 302,
            "school": 200,
            "teacher": 200,
            "other_school": 200,
            "other_teacher": 200,
        },
    ),
    "awards:entry_new": row(405),
    "awards:entry_portfolio": row(405),
    "awards:entry_portfolio_download": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    # the confirm pages of withdraw / delete, and the receipt: the applicant's own entries only
    "awards:entry_withdraw": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    "awards:entry_delete": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    "awards:entry_change_category": row(405),
    "awards:entry_receipt": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    "awards:entry_receipt_pdf": row(
        403,
        {
            "anonymous": 302,
            "school": 404,
            "teacher": 404,
            "other_school": 404,
            "other_teacher": 404,
        },
    ),
    "awards:evidence_download": row(404, {"anonymous": 302}),
    "awards:screening_check_override": row(405),
    "awards:screening_entry_confirm": row(405),
    "awards:entry_duplicates": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:staff_entry_detail": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "awards:staff_entry_portfolio": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    # A generated file is its requester's only (the world's one is ESA staff's, still building).
    "core:document": row(404, {"anonymous": 302, "esa": 200}),
    "core:document_file": row(404, {"anonymous": 302}),
    # the public landing page for visitors, each person's next steps once signed in (issue 20)
    "core:home": row(200),
    "healthz": row(200),
    "judging:appeal": row(405),
    "judging:autosave": row(405),
    "judging:campaign_committees": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "judging:certificates": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "judging:certificates_build": row(405),
    "judging:certificates_file": row(
        403,
        {
            "anonymous": 302,
            "admin": 404,
            "esa": 404,
            "other_esa": 404,
        },
    ),
    "judging:certificates_progress": row(
        403,
        {
            "anonymous": 302,
            "admin": 404,
            "esa": 404,
            "other_esa": 404,
        },
    ),
    "judging:committee": row(404, {"anonymous": 302, "chair": 200}),
    "judging:committee_reliability": row(404, {"anonymous": 302, "chair": 200}),
    "judging:committee_auto_assign": row(404, {"anonymous": 302, "chair": 200}),
    "judging:campaign_reliability": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "judging:committee_action": row(405),
    "judging:committees_copy": row(405),
    "judging:committees_bulk": _STAFF_OBJECT,
    "judging:committee_edit": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 404,
        },
    ),
    "judging:committees": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "chair": 200,
            "other_chair": 200,
        },
    ),
    "judging:declare_conflict": row(405),
    "judging:portfolio": row(
        403,
        {
            "anonymous": 302,
            "chair": 404,
            "judge": 200,
            "other_chair": 404,
            "other_judge": 404,
        },
    ),
    "judging:results": row(200),
    "judging:results_xlsx": row(200),
    "judging:review": row(
        403,
        {
            "anonymous": 302,
            "chair": 404,
            "judge": 200,
            "other_chair": 404,
            "other_judge": 404,
        },
    ),
    "judging:revoke": row(405),
    "judging:scores": row(
        403,
        {
            "anonymous": 302,
            "chair": 404,
            "judge": 200,
            "other_chair": 404,
            "other_judge": 404,
        },
    ),
    "judging:staff_index": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    "judging:verify": row(404),
    # The past edition's certificate is the demo account "winner"'s (not a matrix role): no one
    # else may download it, not even staff (they have the campaign's build).
    "judging:my_certificate": row(404, {"anonymous": 302}),
    "judging:workspace": row(
        403,
        {
            "anonymous": 302,
            "chair": 200,
            "judge": 200,
            "other_chair": 200,
            "other_judge": 200,
        },
    ),
    # Opening a fiscal year: ESA staff, OBEC-level members and system admins (kpi/rules.py).
    "kpi:campaigns": row(
        403, {"anonymous": 302, "admin": 200, "esa": 200, "obec": 200, "other_esa": 200}
    ),
    "kpi:campaign_new": row(
        403, {"anonymous": 302, "admin": 200, "esa": 200, "obec": 200, "other_esa": 200}
    ),
    "kpi:dashboard": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "reviewer": 200,
            "obec": 200,
            "other_esa": 200,
            "other_reviewer": 200,
        },
    ),
    "kpi:dashboard_xlsx": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "reviewer": 200,
            "obec": 200,
            "other_esa": 200,
            "other_reviewer": 200,
        },
    ),
    # The national dashboards: every KPI viewer, each within his own scope (issue 18).
    "kpi:national": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "reviewer": 200,
            "obec": 200,
            "other_esa": 200,
            "other_reviewer": 200,
        },
    ),
    "kpi:national_region": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "reviewer": 200,
            "obec": 200,
            "other_esa": 200,
            "other_reviewer": 200,
        },
    ),
    "kpi:national_xlsx": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "reviewer": 200,
            "obec": 200,
            "other_esa": 200,
            "other_reviewer": 200,
        },
    ),
    "kpi:national_esa": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "reviewer": 200,
            "obec": 200,
            "other_esa": 404,
            "other_reviewer": 404,
        },
    ),
    "kpi:acceptance_queue": row(403, {"anonymous": 302, "admin": 200, "obec": 200}),
    "kpi:report_accept": row(405, {"anonymous": 302}),
    "kpi:report_unapprove": row(405, {"anonymous": 302}),
    "kpi:report_unaccept": row(405, {"anonymous": 302}),
    "kpi:evidence_download": row(404, {"anonymous": 302}),
    "kpi:evidence_link": row(405, {"anonymous": 302}),
    "kpi:evidence_remove": row(405, {"anonymous": 302}),
    "kpi:evidence_upload": row(405, {"anonymous": 302}),
    "kpi:index": row(200, {"anonymous": 302}),
    "kpi:report": row(
        404,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "kpi": 200,
            "reviewer": 200,
            "obec": 200,
        },
    ),
    "kpi:report_compute": row(405, {"anonymous": 302}),
    # The world's report is an incomplete draft: it downloads with its gaps marked (issue 20).
    "kpi:report_docx": row(
        404,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "kpi": 200,
            "reviewer": 200,
            "obec": 200,
        },
    ),
    "kpi:report_open": row(405, {"anonymous": 302}),
    "kpi:report_pdf": row(405, {"anonymous": 302}),  # POST: a worker builds the PDF
    "kpi:report_submit": row(405, {"anonymous": 302}),
    # Not submitted: whoever may see the report is sent to its read-only page (issue 20).
    "kpi:review": row(
        404,
        {
            "anonymous": 302,
            "admin": 302,
            "esa": 302,
            "kpi": 302,
            "reviewer": 302,
            "obec": 302,
        },
    ),
    "kpi:review_approve": row(405, {"anonymous": 302}),
    "kpi:campaign_chain": row(405, {"anonymous": 302}),
    "kpi:review_queue": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "reviewer": 200,
            "obec": 200,
            "other_reviewer": 200,
        },
    ),
    "kpi:review_return": row(405, {"anonymous": 302}),
    "orgs:import_commit": row(403, {"anonymous": 302, "admin": 405, "esa": 405, "other_esa": 405}),
    "orgs:import_detail": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 404}),
    "orgs:import_template": row(
        403,
        {
            "anonymous": 302,
            "admin": 200,
            "esa": 200,
            "other_esa": 200,
        },
    ),
    "orgs:import_upload": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    "orgs:letterhead": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    "orgs:letterhead_template": row(
        403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}
    ),
    "orgs:person_edit": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 404}),
    "orgs:person_list": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    "orgs:school_edit": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 404}),
    "orgs:school_list": row(403, {"anonymous": 302, "admin": 200, "esa": 200, "other_esa": 200}),
    # the quality-school registry (issue 19): ESA staff of the school's ESA and system admins
    "orgs:quality_list": _STAFF_LIST,
    "orgs:quality_add": _STAFF_LIST,
    "orgs:quality_detail": _STAFF_OBJECT,
    "orgs:quality_remove": row(405),
    "set_language": row(302),
    # the account pages (issue 19): ESA staff for their ESA's accounts, system admins for all
    "people:account_list": _STAFF_LIST,
    # an ESA's e-mail templates (issue 19): each officer's own ESA; a system admin's first ESA
    "people:mail_template_list": _STAFF_LIST,
    "people:mail_template_edit": _STAFF_LIST,
    "people:mail_template_preview": row(405),
    "people:mail_template_reset": row(405),
    "people:account_invite": _STAFF_LIST,
    "people:account_detail": _STAFF_OBJECT,
    "people:role_grant": row(405),
    "people:role_revoke": row(405),
    "people:account_active": row(405),
    "people:account_link": row(405),
    # the audit-log viewer: every officer opens it; its rows are scoped to their ESA's objects
    "people:audit_log": _STAFF_LIST,
    "people:audit_export": _STAFF_LIST,
    "people:audit_verify": row(403, {"anonymous": 302, "admin": 200}),
    "people:batch_list": _STAFF_LIST,
    # no batch with this id: "not found" for the staff, 403 for the rest
    "people:batch_detail": _STAFF_MISSING,
    "people:batch_links": _STAFF_MISSING,
    "people:registration_queue": _STAFF_LIST,
    "people:registration_decide": row(405),
    # self-registration is for people without an account; the link of a bad token says so (200)
    "people:register": row(200),
    # an open edition's page and call letter: public, for applicants to read before applying
    "people:edition": row(200),
    "people:edition_letter": row(200),
    "certificate_lookup": row(200),
    "people:register_done": row(200),
    "people:welcome": row(200),
}

# The API (/api/v1/) by session, mirroring the pages: 401 (not 302) for anonymous, 405 for the
# POST-only operations; tests/api/test_operation_matrix.py covers every method, tokens included.
_API_MASTER_DATA = row(403, {"anonymous": 401, "admin": 200, "esa": 200, "other_esa": 200})
_API_MASTER_OBJECT = row(403, {"anonymous": 401, "admin": 200, "esa": 200, "other_esa": 404})
_API_SIGNED_IN = row(200, {"anonymous": 401})
_API_KPI_DASHBOARD = row(
    403,
    {
        "anonymous": 401,
        **{r: 200 for r in ("admin", "esa", "reviewer", "obec", "other_esa", "other_reviewer")},
    },
)
_API_KPI_REPORT = row(
    404, {"anonymous": 401, "admin": 200, "esa": 200, "kpi": 200, "reviewer": 200, "obec": 200}
)
EXPECTED.update(
    {
        "api:api-root": row(404),
        "api:openapi-json": row(200),
        "api:openapi-view": row(200),
        "api:esa_list": _API_SIGNED_IN,
        "api:school_list": _API_MASTER_DATA,
        "api:school_detail": _API_MASTER_OBJECT,
        "api:network_list": _API_MASTER_DATA,
        "api:person_list": _API_MASTER_DATA,
        "api:person_detail": _API_MASTER_OBJECT,
        "api:import_list": row(405),
        "api:import_detail": _API_MASTER_OBJECT,
        "api:import_errors": _API_MASTER_OBJECT,
        "api:import_commit": row(405),
        "api:instrument_list": _API_SIGNED_IN,
        "api:instrument_detail": _API_SIGNED_IN,
        "api:instrument_score": row(405),
        "api:campaign_list": _API_MASTER_DATA,
        "api:campaign_detail": _API_MASTER_OBJECT,
        # the demo's judged campaign is past its announcement day: public, as judging:results
        "api:campaign_results": row(200),
        "api:entry_list": row(
            403,
            {
                "anonymous": 401,
                "admin": 200,
                "esa": 200,
                "other_esa": 200,
                "school": 200,
                "teacher": 200,
                "other_school": 200,
                "other_teacher": 200,
            },
        ),
        "api:entry_detail": row(
            403,
            {
                "anonymous": 401,
                "admin": 200,
                "esa": 200,
                "other_esa": 404,
                "school": 404,
                "teacher": 404,
                "other_school": 404,
                "other_teacher": 404,
            },
        ),
        # no certificate has this code: "not found" for everyone, as judging:verify
        "api:certificate_verify": row(404),
        "api:kpi_report_list": _API_SIGNED_IN,
        "api:kpi_dashboard": _API_KPI_DASHBOARD,
        "api:kpi_report_detail": _API_KPI_REPORT,
        # the PATCH's URL: a GET on it is the report's GET (same path)
        "api:kpi_report_update": _API_KPI_REPORT,
        "api:kpi_evidence_link": row(405),
        "api:kpi_report_marks": row(405),
        "api:kpi_report_decision": row(405),
    }
)
