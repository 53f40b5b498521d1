"""Storing a group's results in bulk (``group_finalize``): insert the new, update the changed,
stamp the rest with one statement — no per-entry query, no model instance for unchanged rows."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import CampaignCategory
from pramoen.instruments.scoring import CompiledInstrument
from pramoen.judging.models import EntryResult
from pramoen.judging.selectors.results import BATCH, EntryScore
from pramoen.orgs.imports.engine import fast_insert

# What finalization decides for an entry (the stamp fields follow: finalized_at, reopened_*).
VALUE_FIELDS = (
    "instrument_hash",
    "method",
    "total",
    "total_display",
    "eligible",
    "tier",
    "tier_label_th",
    "rank",
    "judge_totals",
)
# The part of a result a change of which is audited entry by entry.
AUDITED = ("total", "tier", "rank", "eligible")

Change = tuple[int, dict[str, Any], dict[str, Any]]


def _display(compiled: CompiledInstrument, total: Decimal) -> str:
    from pramoen.instruments.scoring import _ROUNDING

    display = compiled.instrument.display
    quantum = Decimal(1).scaleb(-display.decimals)
    return format(total.quantize(quantum, rounding=_ROUNDING[display.rounding]), "f")


def result_values(
    score: EntryScore, *, compiled: CompiledInstrument, instrument_hash: str
) -> tuple[Any, ...]:
    """The ``VALUE_FIELDS`` of one entry's stored result."""
    total = score.total
    return (
        instrument_hash,
        score.method,
        "" if total is None else str(total),
        "-" if total is None else _display(compiled, total),
        score.eligible,
        score.tier or "",
        score.tier_label_th,
        score.rank,
        [[j, str(t)] for j, t in score.judge_totals],
    )


def results_store(
    *,
    category: CampaignCategory,
    scores: list[EntryScore],
    compiled: CompiledInstrument,
    now: datetime,
) -> list[Change]:
    """Write every entry's result; (entry id, before, after) for each stored result whose
    ``AUDITED`` values changed. Queries: one read, inserts and updates in batches, one stamp."""
    stored = {
        row[0]: (row[1], row[2:])
        for row in EntryResult.objects.filter(entry__category=category)
        .values_list("entry_id", "pk", *VALUE_FIELDS)
        .iterator(chunk_size=BATCH)
    }
    audited = [VALUE_FIELDS.index(name) for name in AUDITED]
    stamp = connection.ops.adapt_datetimefield_value(now)
    new_rows: list[tuple[Any, ...]] = []
    updates: list[EntryResult] = []
    changes: list[Change] = []
    for score in scores:
        values = result_values(
            score, compiled=compiled, instrument_hash=category.scoring_instrument_hash
        )
        old = stored.get(score.entry_id)
        if old is None:
            new_rows.append((score.entry_id, *values[:-1], json.dumps(values[-1]), stamp, None, ""))
            continue
        pk, old_values = old
        if tuple(old_values) == values:
            continue
        updates.append(
            EntryResult(
                pk=pk, entry_id=score.entry_id, **dict(zip(VALUE_FIELDS, values, strict=True))
            )
        )
        if [old_values[i] for i in audited] != [values[i] for i in audited]:
            changes.append(
                (
                    score.entry_id,
                    {name: old_values[i] for name, i in zip(AUDITED, audited, strict=True)},
                    {name: values[i] for name, i in zip(AUDITED, audited, strict=True)},
                )
            )
    fast_insert(
        EntryResult,
        ["entry", *VALUE_FIELDS, "finalized_at", "reopened_at", "reopen_reason"],
        new_rows,
    )
    EntryResult.objects.bulk_update(updates, list(VALUE_FIELDS), batch_size=1000)
    # Every result of the group's entries is (re)finalized now, an appeal's reopening closed.
    # The rows just inserted carry the stamp already: a first finalization writes each row once.
    EntryResult.objects.filter(
        entry__category=category, entry__status=EntryStatus.SUBMITTED
    ).exclude(finalized_at=now).update(finalized_at=now, reopened_at=None, reopen_reason="")
    return changes
