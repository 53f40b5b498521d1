"""Writes for award campaigns: keyword-only, atomic, validated in Thai, audited before → after.

One module per sub-domain — ``campaigns``, ``pins``, ``entries``, ``portfolio``, ``evidence``,
``screening``, ``duplicates``; this package names the public API.
"""

from pramoen.awards.services.campaigns import (
    EDITABLE_FIELDS,
    CategorySpec,
    CloneResult,
    PinChange,
    campaign_category_add,
    campaign_clone,
    campaign_create,
    campaign_update,
)
from pramoen.awards.services.drafts import entry_change_category, entry_delete
from pramoen.awards.services.duplicates import portfolio_duplicates_check
from pramoen.awards.services.entries import (
    ANSWER_SLOTS,
    PORTFOLIO_PATH,
    entry_may_withdraw,
    entry_problems,
    entry_request_correction,
    entry_save,
    entry_start,
    entry_submit,
    entry_withdraw,
    page_problems,
    pinned_instrument,
    portfolio_pages,
    registry_answers,
    submission_blockers,
)
from pramoen.awards.services.evidence import evidence_add, evidence_remove, evidence_slots
from pramoen.awards.services.groups import campaign_groups_add
from pramoen.awards.services.pins import category_repin
from pramoen.awards.services.portfolio import entry_attach_portfolio, entry_portfolio_queue
from pramoen.awards.services.screening import (
    screening_confirm,
    screening_override,
    screening_run,
    screening_run_campaign,
)
from pramoen.awards.services.wizard import (
    campaign_draft_create,
    campaign_open,
    campaign_step_groups,
    campaign_step_save,
    open_problems,
)

__all__ = [
    "ANSWER_SLOTS",
    "EDITABLE_FIELDS",
    "PORTFOLIO_PATH",
    "CategorySpec",
    "CloneResult",
    "PinChange",
    "campaign_category_add",
    "campaign_clone",
    "campaign_create",
    "campaign_draft_create",
    "campaign_groups_add",
    "campaign_open",
    "campaign_step_groups",
    "campaign_step_save",
    "campaign_update",
    "category_repin",
    "entry_attach_portfolio",
    "entry_change_category",
    "entry_delete",
    "entry_may_withdraw",
    "entry_portfolio_queue",
    "entry_problems",
    "entry_request_correction",
    "entry_save",
    "entry_start",
    "entry_submit",
    "entry_withdraw",
    "evidence_add",
    "evidence_remove",
    "evidence_slots",
    "open_problems",
    "page_problems",
    "pinned_instrument",
    "portfolio_duplicates_check",
    "portfolio_pages",
    "registry_answers",
    "screening_confirm",
    "screening_override",
    "screening_run",
    "screening_run_campaign",
    "submission_blockers",
]
