"""Writes for judging: keyword-only, atomic, validated in Thai, audited before → after.

One module per sub-domain; this package names the public API (import from here, or from the
module when a name is not listed).
"""

from pramoen.judging.services.assignments import (
    assignment_add,
    assignment_remove,
    assignments_auto,
    portfolio_weight,
)
from pramoen.judging.services.certificates import certificate_revoke, certificates_issue
from pramoen.judging.services.committee_copy import (
    CommitteeCopyResult,
    committees_copy_from_previous,
    previous_edition,
)
from pramoen.judging.services.committees import (
    COMMITTEE_SETTINGS,
    committee_create,
    committee_update,
)
from pramoen.judging.services.conflicts import (
    CHAIR_CONFLICTED,
    conflict_declare,
    conflict_override,
    conflicted_entry_ids,
    conflicts_derive,
    is_conflicted,
)
from pramoen.judging.services.eligibility import eligibility_record, eligibility_set_by_chair
from pramoen.judging.services.page_cache import group_page_forget
from pramoen.judging.services.results import consensus_record, entry_reopen, group_finalize
from pramoen.judging.services.reviews import (
    LOCKED_MESSAGE,
    STALE_MESSAGE,
    SaveOutcome,
    StaleReview,
    review_open,
    review_return,
    review_save,
    review_submit,
    review_write,
)

__all__ = [
    "CHAIR_CONFLICTED",
    "COMMITTEE_SETTINGS",
    "LOCKED_MESSAGE",
    "STALE_MESSAGE",
    "CommitteeCopyResult",
    "SaveOutcome",
    "StaleReview",
    "assignment_add",
    "assignment_remove",
    "assignments_auto",
    "certificate_revoke",
    "certificates_issue",
    "committee_create",
    "committee_update",
    "committees_copy_from_previous",
    "conflict_declare",
    "conflict_override",
    "conflicted_entry_ids",
    "conflicts_derive",
    "consensus_record",
    "eligibility_record",
    "eligibility_set_by_chair",
    "entry_reopen",
    "group_finalize",
    "group_page_forget",
    "is_conflicted",
    "portfolio_weight",
    "previous_edition",
    "review_open",
    "review_return",
    "review_save",
    "review_submit",
    "review_write",
]
