"""Object permissions of the orgs pages (the list-level ones live in ``accounts.rules``)."""

from __future__ import annotations

import rules

from pramoen.accounts.rules import is_esa_staff


@rules.predicate
def school_in_staff_esa(user, school) -> bool:
    """The school is of an ESA the officer serves (a system admin serves every ESA); without an
    object (the list page) the question is only the role."""
    if school is None:
        return True
    from pramoen.orgs.selectors import staff_esa_ids

    esa_ids = staff_esa_ids(user)
    return esa_ids is None or school.parent_id in esa_ids


rules.add_perm("pramoen.manage_quality_registry", is_esa_staff & school_in_staff_esa)
