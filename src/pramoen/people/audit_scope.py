"""Which audit events an ESA officer may read: those about their ESA's objects.

An audit row records its object as ``target_type`` + ``target_id`` and no ESA, so the scope is
derived set-based: for each kind of object, a subquery of the ids of the objects that belong to
the officer's ESAs (the ESA itself and its schools, their people and registry rows, the ESA's
campaigns and their groups, entries, committees, reviews, certificates, its KPI reports, accounts
holding a role in the ESA or its schools, …). An event matches when its ``target_id`` is among
them. Kinds with no ESA (national KPI fiscal years and rounds, the regions, imports named by file)
and kinds not listed here are read by system administrators only.

A row whose object was later deleted no longer resolves through its own kind; services that
remove something therefore record it on an object that stays (the registry's removals are
recorded on the school, ``orgs.quality_services.quality_registry_remove``).
"""

from __future__ import annotations

from collections.abc import Collection

from django.apps import apps
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

Ids = Collection[int]

# target_type → the lookup, on that model, naming the ESA the object belongs to. A list: an
# object belongs to the ESA when any lookup matches (an ESA is its own, a school's is its parent).
SCOPE_LOOKUPS: dict[str, list[str]] = {
    "orgs.organization": ["id", "parent_id"],
    "orgs.person": ["organization_id", "organization__parent_id"],
    "orgs.enrollment": ["school__parent_id"],
    "orgs.onesqaresult": ["school__parent_id"],
    "orgs.onetmean": ["organization_id", "organization__parent_id"],
    "orgs.schoolnetwork": ["esa_id"],
    "orgs.qualitycore": ["school__parent_id"],
    "orgs.qualitynetworkmember": ["school__parent_id"],
    "orgs.esaletterhead": ["esa_id"],
    "awards.campaign": ["esa_id"],
    "awards.campaigncategory": ["campaign__esa_id"],
    "awards.entry": ["campaign__esa_id"],
    "judging.committee": ["category__campaign__esa_id"],
    "judging.assignment": ["entry__campaign__esa_id"],
    "judging.review": ["entry__campaign__esa_id"],
    "judging.conflictofinterest": ["entry__campaign__esa_id"],
    "judging.certificate": ["campaign__esa_id"],
    "judging.certificatebuild": ["campaign__esa_id"],
    "kpi.kpireport": ["esa_id"],
    "accounts.user": [
        "memberships__organization_id",
        "memberships__organization__parent_id",
    ],
    "accounts.membership": ["organization_id", "organization__parent_id"],
    "people.registration": ["esa_id"],
    "people.accountbatch": ["esa_id"],
    "people.mailtemplate": ["esa_id"],
    "studio.studioinstrument": ["esa_id"],
    "studio.studioversion": ["instrument__esa_id"],
}


def _ids_in(target_type: str, esa_ids: Ids) -> QuerySet:
    model = apps.get_model(target_type)
    where = Q()
    for lookup in SCOPE_LOOKUPS[target_type]:
        where |= Q(**{f"{lookup}__in": list(esa_ids)})
    # target_id is text: compare with the ids as text, inside the database (one subquery).
    return model._default_manager.filter(where).values(text_id=Cast("pk", CharField()))


def scope_q(esa_ids: Ids | None) -> Q:
    """The filter of the events ``esa_ids`` may read; None (system admin) reads all."""
    if esa_ids is None:
        return Q()
    if not esa_ids:
        return Q(pk__in=[])
    where = Q(pk__in=[])
    for target_type in SCOPE_LOOKUPS:
        where |= Q(target_type=target_type, target_id__in=_ids_in(target_type, esa_ids))
    return where


def object_in_scope(target_type: str, target_id: str, esa_ids: Ids | None) -> bool:
    """Whether one object is the officer's (the per-object history page asks before showing)."""
    if esa_ids is None:
        return True
    if target_type not in SCOPE_LOOKUPS:
        return False
    return _ids_in(target_type, esa_ids).filter(text_id=target_id).exists()


# One object's history also holds the rows about its parts: an entry's reviews, assignments and
# conflicts; a campaign's groups and committees; a school's registry rows, student counts and
# ONESQA results (kind → [(part kind, lookup from the part to the object's id)]).
HISTORY_PARTS: dict[str, list[tuple[str, str]]] = {
    "awards.entry": [
        ("judging.review", "entry_id"),
        ("judging.assignment", "entry_id"),
        ("judging.conflictofinterest", "entry_id"),
    ],
    "awards.campaign": [
        ("awards.campaigncategory", "campaign_id"),
        ("judging.committee", "category__campaign_id"),
    ],
    "orgs.organization": [
        ("orgs.qualitycore", "school_id"),
        ("orgs.qualitynetworkmember", "school_id"),
        ("orgs.enrollment", "school_id"),
        ("orgs.onesqaresult", "school_id"),
    ],
}


def object_history_q(target_type: str, target_id: str) -> Q:
    """The events about one object and about its parts (``HISTORY_PARTS``), set-based."""
    where = Q(target_type=target_type, target_id=target_id)
    if not target_id.isdigit():
        return where
    for part_type, lookup in HISTORY_PARTS.get(target_type, []):
        model = apps.get_model(part_type)
        part_ids = model._default_manager.filter(**{lookup: int(target_id)}).values(
            text_id=Cast("pk", CharField())
        )
        where |= Q(target_type=part_type, target_id__in=part_ids)
    return where
