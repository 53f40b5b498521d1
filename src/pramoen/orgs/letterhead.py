"""Writes and reads of an ESA's letterhead (ตราครุฑ and Word template), through the storage API."""

from __future__ import annotations

import secrets
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.documents.letter_template import check_image, check_template
from pramoen.orgs.models import EsaLetterhead, Organization

FOLDER = "letterheads"

__all__ = ["esa_letterhead_files", "esa_letterhead_get", "esa_letterhead_update"]


def esa_letterhead_get(esa: Organization) -> EsaLetterhead | None:
    return EsaLetterhead.objects.filter(esa=esa).first()


def _read(name: str) -> bytes | None:
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def esa_letterhead_files(esa_id: int) -> tuple[bytes | None, bytes | None]:
    """(template, garuda) bytes of the ESA's letterhead; ``None`` for what it has not uploaded."""
    letterhead = EsaLetterhead.objects.filter(esa_id=esa_id).first()
    if letterhead is None:
        return None, None
    return _read(letterhead.template_name), _read(letterhead.garuda_name)


def _save(esa: Organization, kind: str, data: bytes, suffix: str) -> str:
    # A fresh name per upload: a cached or half-written old file is never served as the new one.
    return default_storage.save(
        f"{FOLDER}/{esa.pk}/{kind}-{secrets.token_hex(8)}.{suffix}", ContentFile(data)
    )


@transaction.atomic
def esa_letterhead_update(
    *,
    actor: User,
    esa: Organization,
    garuda: bytes | None = None,
    template: bytes | None = None,
    template_filename: str = "",
    remove_garuda: bool = False,
    remove_template: bool = False,
) -> EsaLetterhead:
    """Replace or remove the Garuda image and/or the template; raises ``LetterTemplateError``.

    Both files are checked before anything is stored (a template in a child process with limits).
    """
    garuda_kind = check_image(garuda) if garuda is not None else ""
    if template is not None:
        check_template(template)
    letterhead, _created = EsaLetterhead.objects.select_for_update().get_or_create(esa=esa)
    before = {"ตราครุฑ": bool(letterhead.garuda_name), "แม่แบบ": letterhead.template_filename}
    replaced: list[str] = []
    if garuda is not None or remove_garuda:
        replaced.append(letterhead.garuda_name)
        letterhead.garuda_name = _save(esa, "garuda", garuda, garuda_kind) if garuda else ""
    if template is not None or remove_template:
        replaced.append(letterhead.template_name)
        letterhead.template_name = _save(esa, "template", template, "docx") if template else ""
        letterhead.template_filename = template_filename[:255] if template else ""
    letterhead.updated_by = actor
    letterhead.save()
    audit_record(
        actor=actor,
        action="orgs.letterhead_update",
        target=letterhead,
        before=before,
        after={"ตราครุฑ": bool(letterhead.garuda_name), "แม่แบบ": letterhead.template_filename},
    )
    # Old files go only once the new names are committed: a rolled-back change keeps them.
    for name in filter(None, replaced):
        transaction.on_commit(partial(default_storage.delete, name))
    return letterhead
