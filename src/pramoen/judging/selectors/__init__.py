"""Reads for judging, with their joins already applied (constant query counts per page).

One module per sub-domain; this package names the public API.
"""

from pramoen.judging.selectors.committees import committee_candidates, committees_chaired
from pramoen.judging.selectors.conflicts import (
    conflicted_entry_ids,
    conflicts_for,
    group_conflicts,
    judge_schools,
)
from pramoen.judging.selectors.group_page import (
    cached_group_scores,
    filter_scores,
    group_page_scores,
    group_workload,
)
from pramoen.judging.selectors.published import (
    group_results,
    network_medals,
    published_groups,
    results_fingerprint,
    school_medals,
)
from pramoen.judging.selectors.results import (
    EntryOutcome,
    EntryScore,
    entry_outcomes,
    group_scores,
    judging_entries,
    outcome_fields,
    published_results,
)
from pramoen.judging.selectors.reviews import (
    entry_eligible,
    entry_locked,
    review_for_page,
    review_returned,
    reviews_for_entry,
)
from pramoen.judging.selectors.work import (
    WORK_STATUSES,
    WorkItem,
    entry_for_judge,
    work_items,
    workspace_assignments,
    workspace_for,
    workspace_progress,
)

__all__ = [
    "WORK_STATUSES",
    "EntryOutcome",
    "EntryScore",
    "WorkItem",
    "cached_group_scores",
    "committee_candidates",
    "committees_chaired",
    "conflicted_entry_ids",
    "conflicts_for",
    "entry_eligible",
    "entry_for_judge",
    "entry_locked",
    "entry_outcomes",
    "filter_scores",
    "group_conflicts",
    "group_page_scores",
    "group_results",
    "group_scores",
    "group_workload",
    "judge_schools",
    "judging_entries",
    "network_medals",
    "outcome_fields",
    "published_groups",
    "published_results",
    "results_fingerprint",
    "review_for_page",
    "review_returned",
    "reviews_for_entry",
    "school_medals",
    "work_items",
    "workspace_assignments",
    "workspace_for",
    "workspace_progress",
]
