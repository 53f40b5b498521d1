"""Proof that a submitted review passed validation (issue 12), so bulk rescoring can skip it.

A judge's submit validates the indicators against the pinned instrument, reading the applicant's
fields too (an indicator may apply only when a field says so). The submit stores, in its
transaction, the pinned hash and a digest of exactly what the check read: the review's stored
indicators and the entry's ``answers.scoring.fields`` as the database renders them as text
(PostgreSQL's jsonb text is canonical; SQLite returns the stored text). Finalization computes the
same digest from the rows as they are then, in the same query that reads the reviews: when hash
and digest match, the same check on the same inputs would pass again, so only the engine runs;
when anything differs (a re-pinned instrument, a correction of the applicant's data, indicators
changed behind the services' back, no proof at all) the review is validated as before.

Both texts are JSON values, so their concatenation cannot be read two ways.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Expression, F, Q, TextField, Value, When
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import SHA256 as DjangoSHA256
from django.db.models.functions import Cast, Coalesce, Concat


class SHA256(DjangoSHA256):
    """Hex SHA-256 with PostgreSQL's built-in ``sha256`` (Django's needs the pgcrypto extension,
    which a deployment need not have); SQLite keeps Django's registered function."""

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="ENCODE(SHA256(CONVERT_TO(%(expressions)s, 'UTF8')), 'hex')",
            **extra,
        )


def fields_text(answers: str = "answers") -> Expression:
    """The applicant's fields (``answers.scoring.fields``) as database text, "" when absent."""
    return Coalesce(
        Cast(KeyTransform("fields", KeyTransform("scoring", answers)), TextField()),
        Value(""),
        output_field=TextField(),
    )


def review_digest(fields: Expression) -> Expression:
    """The digest of a review's stored indicators with the applicant's ``fields`` text."""
    return SHA256(Concat(Cast(F("indicators"), TextField()), fields, output_field=TextField()))


def proof_holds(pinned_hash: str) -> Expression:
    """For a query over reviews: True when the stored proof matches ``pinned_hash`` and the
    review's indicators and its entry's fields as stored now."""
    return Case(
        When(
            Q(validated_hash=pinned_hash)
            & Q(validated_digest=review_digest(fields_text("entry__answers"))),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
