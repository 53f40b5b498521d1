"""Object-level permissions for judging (``rules`` predicates)."""

from __future__ import annotations

import rules

from pramoen.accounts.rules import is_esa_staff, is_judge


@rules.predicate
def chairs_committee(user, committee) -> bool:
    if committee is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or committee.chair_id == user.pk


rules.add_perm("judging.chair", chairs_committee)
rules.add_perm("judging.judge", is_judge)
rules.add_perm("judging.appeal", is_esa_staff)
