"""Object-level permissions for judging (``rules`` predicates)."""

from __future__ import annotations

import rules
from django.http import Http404

from pramoen.accounts.rules import is_esa_staff, is_judge
from pramoen.judging.selectors import entry_for_judge


@rules.predicate
def chairs_committee(user, committee) -> bool:
    if committee is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or committee.chair_id == user.pk


@rules.predicate
def judges_entry(user, entry) -> bool:
    """Assigned to the entry, still on its committee and not conflicted (the rule of
    selectors.entry_for_judge, which turns anything else into a 404)."""
    if entry is None or not getattr(user, "is_authenticated", False):
        return False
    try:
        entry_for_judge(judge=user, entry_id=entry.pk)
    except Http404:
        return False
    return True


@rules.predicate
def receives_certificate(user, certificate) -> bool:
    """The applicant whose entry the certificate is for: the school's account, or the person who
    entered it (the rule of awards.selectors.entries_for_applicant)."""
    from pramoen.awards.selectors import entries_for_applicant

    if certificate is None or certificate.entry_id is None:
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return entries_for_applicant(user=user).filter(pk=certificate.entry_id).exists()


rules.add_perm("judging.chair", chairs_committee)
rules.add_perm("judging.download_certificate", receives_certificate)
rules.add_perm("judging.view_entry", judges_entry)
rules.add_perm("judging.judge", is_judge)
rules.add_perm("judging.appeal", is_esa_staff)
