"""Reads of the studio, already scoped: an ESA sees its own instruments and those other ESAs
share nationally; system admins see all. Editing is for the owning ESA's staff (and admins)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from pramoen.accounts.enums import Role
from pramoen.instruments import get_instrument, shipped_ids
from pramoen.orgs.models import Organization
from pramoen.studio.models import StudioInstrument, StudioVersion


def _is_admin(user) -> bool:
    return bool(user.is_superuser or Role.SYSTEM_ADMIN in user.role_set())


def studio_esas(*, user) -> QuerySet[Organization]:
    """The ESAs whose instruments ``user`` edits."""
    esas = Organization.objects.filter(kind="esa")
    if _is_admin(user):
        return esas
    return esas.filter(
        memberships__user=user, memberships__role=Role.ESA_STAFF, memberships__is_active=True
    ).distinct()


def studio_instruments_visible(*, user) -> QuerySet[StudioInstrument]:
    rows = StudioInstrument.objects.select_related("esa").annotate(
        version_count=Count("versions"), latest_version=Max("versions__number")
    )
    if not _is_admin(user):
        rows = rows.filter(Q(esa__in=studio_esas(user=user)) | Q(shared_nationally=True))
    return rows.order_by("-updated_at", "pk")


def studio_instruments_editable(*, user) -> QuerySet[StudioInstrument]:
    rows = StudioInstrument.objects.select_related("esa")
    if _is_admin(user):
        return rows
    return rows.filter(esa__in=studio_esas(user=user))


def studio_may_edit(*, user, instrument: StudioInstrument) -> bool:
    return _is_admin(user) or studio_esas(user=user).filter(pk=instrument.esa_id).exists()


def studio_versions(*, instrument: StudioInstrument) -> QuerySet[StudioVersion]:
    return instrument.versions.select_related("published_by").order_by("-number")


def studio_versions_pinnable(
    *, esas: QuerySet[Organization], kind: str | None = None
) -> QuerySet[StudioVersion]:
    """Published versions a campaign of ``esas`` may pin: their own, or shared nationally."""
    rows = StudioVersion.objects.all()
    if kind is not None:
        rows = rows.filter(instrument__kind=kind)
    return (
        rows.filter(Q(instrument__esa__in=esas) | Q(instrument__shared_nationally=True))
        .select_related("instrument")
        .order_by("instrument__title_th", "-number")
    )


@dataclass(frozen=True)
class LibraryEntry:
    instrument_id: str
    title_th: str
    kind: str
    version: str


def library_entries() -> list[LibraryEntry]:
    """The shipped library (read-only; clone to change), eligibility and scoring forms."""
    found = []
    for instrument_id in shipped_ids():
        instrument = get_instrument(instrument_id)
        if instrument.kind not in ("eligibility", "scoring"):
            continue
        found.append(
            LibraryEntry(instrument.id, instrument.title_th, instrument.kind, instrument.version)
        )
    return found
