"""Forgetting what the chair's group page keeps in the cache (its reads live in
``selectors.group_page``)."""

from __future__ import annotations

from django.core.cache import cache

from pramoen.judging.models import Committee
from pramoen.judging.selectors.group_page import fingerprint_memo_key


def group_page_forget(committee: Committee) -> None:
    """Forget the group's fingerprint: the next visit reads the group's state afresh (the chair
    sees their own action at once, not after the fingerprint's few seconds)."""
    cache.delete(fingerprint_memo_key(committee))
