"""Judging arithmetic, pure Python (no Django): aggregation, disagreement, tiers, ranks.

Kept apart from models and views (as pretalx keeps ``submission/domain/review.py``) so that the
rules that decide an award are testable without a database and identical wherever they run.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pramoen.instruments.scoring import CompiledInstrument, ScoreResult
from pramoen.thai import thai_sort_key, to_thai_digits

MEAN = "mean"
MEDIAN = "median"
TRIMMED = "trimmed"
TRIM_FROM = 5  # judges needed before the highest and the lowest total are dropped


def aggregate(totals: Sequence[Decimal], method: str = MEAN) -> Decimal:
    """The panel's total: mean (default), median, or trimmed mean of the judges' unrounded totals.

    The trimmed mean drops one highest and one lowest total when at least ``TRIM_FROM`` judges
    scored (with fewer, dropping two would leave too few opinions; it is the plain mean then).
    """
    if not totals:
        raise ValueError("no totals to aggregate")
    if method == MEDIAN:
        return Decimal(statistics.median(sorted(totals)))
    if method == TRIMMED:
        if len(totals) >= TRIM_FROM:
            totals = sorted(totals)[1:-1]
        method = MEAN
    if method != MEAN:
        raise ValueError(f"unknown aggregation {method!r}")
    return sum(totals, Decimal(0)) / Decimal(len(totals))


def tier_for_total(compiled: CompiledInstrument, total: Decimal) -> tuple[str | None, str]:
    """Tier id and Thai label for an aggregated total, with the instrument's own half-open bands.

    The bands are applied to the UNROUNDED total (docs/instruments.md, "Gates, tiers, totals").
    """
    for band in compiled.tiers:
        if band.lo is not None and (total < band.lo or (total == band.lo and not band.lo_incl)):
            continue
        if band.hi is not None and (total > band.hi or (total == band.hi and not band.hi_incl)):
            continue
        return band.id, band.label_th
    tiers = compiled.instrument.tiers
    return None, (tiers.none_label_th if tiers else "")


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Standard competition ranking (1, 2, 3, 3, 5): equal totals share the better rank."""
    order = sorted(range(len(totals)), key=lambda i: totals[i], reverse=True)
    ranks = [0] * len(totals)
    previous: Decimal | None = None
    current = 0
    for position, index in enumerate(order, start=1):
        if previous is None or totals[index] != previous:
            current = position
            previous = totals[index]
        ranks[index] = current
    return ranks


def rank_label_th(rank: int | None) -> str:
    """ชนะเลิศ / รองชนะเลิศอันดับ ๑ / รองชนะเลิศอันดับ ๒; other places have no title."""
    if rank == 1:
        return "ชนะเลิศ"
    if rank in (2, 3):
        return "รองชนะเลิศอันดับ " + to_thai_digits(str(rank - 1))
    return ""


def level_index(compiled: CompiledInstrument, path: str, level: str | None) -> int | None:
    """Position of ``level`` in the indicator's scale (0 = best); None for point-only rules.

    "No level" (no band matched) counts as one step below the lowest printed level.
    """
    for indicator in compiled.instrument.rubric.components:
        for ind in indicator.indicators:
            if f"{indicator.id}.{ind.id}" != path:
                continue
            ids = [lv.id for lv in (ind.levels or [])]
            if not ids:
                return None
            return ids.index(level) if level in ids else len(ids)
    return None


@dataclass(frozen=True, slots=True)
class Disagreement:
    spread: Decimal
    spread_exceeded: bool
    indicators: tuple[str, ...]  # paths whose levels differ by more than the allowed gap

    @property
    def flagged(self) -> bool:
        return self.spread_exceeded or bool(self.indicators)


def level_scales(compiled: CompiledInstrument) -> dict[str, dict[str, int]]:
    """Indicator path → {level id: position} for indicators with a level scale (``level_index``
    for every indicator at once: bulk work looks levels up for thousands of results)."""
    scales: dict[str, dict[str, int]] = {}
    for component in compiled.instrument.rubric.components:
        for ind in component.indicators:
            path = f"{component.id}.{ind.id}"
            ids = [lv.id for lv in (ind.levels or [])]
            if ids and path not in scales:
                scales[path] = {level: n for n, level in reversed(list(enumerate(ids)))}
    return scales


def disagreement(
    compiled: CompiledInstrument,
    results: Sequence[ScoreResult],
    *,
    max_spread: Decimal,
    max_level_gap: int,
    scales: Mapping[str, Mapping[str, int]] | None = None,
) -> Disagreement:
    """Flag when the judges' totals spread more than ``max_spread`` points, or any indicator's
    levels differ by more than ``max_level_gap`` steps (positions as ``level_index`` gives them;
    ``scales`` from ``level_scales``, computed here when not given)."""
    if len(results) < 2:
        return Disagreement(Decimal(0), False, ())
    if scales is None:
        scales = level_scales(compiled)
    totals = [r.total for r in results]
    spread = max(totals) - min(totals)
    wide: list[str] = []
    by_path: dict[str, list[int]] = {}
    for result in results:
        for path, applicable, level in result.levels():
            if not applicable:
                continue
            positions = scales.get(path)
            if positions:
                # "No level" counts one step below the lowest printed level.
                by_path.setdefault(path, []).append(positions.get(level or "", len(positions)))
    for path, indexes in by_path.items():
        if max(indexes) - min(indexes) > max_level_gap:
            wide.append(path)
    return Disagreement(spread, spread > max_spread, tuple(wide))


def medal_counts(
    rows: Sequence[Mapping[str, object]], key: str
) -> list[tuple[str, dict[str, int]]]:
    """Tier counts per ``key`` (school or network name), most golds first, then name."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        tier = row.get("tier")
        name = str(row.get(key) or "")
        if not tier or not name:
            continue
        counts.setdefault(name, {})
        counts[name][str(tier)] = counts[name].get(str(tier), 0) + 1
    order = ("gold", "silver", "bronze", "honourable")
    return sorted(
        counts.items(),
        key=lambda item: (tuple(-item[1].get(t, 0) for t in order), thai_sort_key(item[0])),
    )


def calibrate(scores: Mapping[tuple[int, int], Decimal]) -> dict[tuple[int, int], Decimal]:
    """Per-judge z-scores rescaled to the raw range: ``(judge, entry) → calibrated total``.

    Each judge's totals are standardised with that judge's mean and (population) standard
    deviation, then mapped back with the mean and deviation of all raw totals — so a lenient or
    a harsh judge no longer moves an entry up or down. A judge with one score, or equal scores,
    has no spread: their z-scores are 0 (the panel mean).
    """
    if not scores:
        return {}
    values = list(scores.values())
    mean_all, sd_all = _mean_sd(values)
    by_judge: dict[int, list[Decimal]] = {}
    for (judge, _entry), total in scores.items():
        by_judge.setdefault(judge, []).append(total)
    stats = {judge: _mean_sd(totals) for judge, totals in by_judge.items()}
    calibrated = {}
    for (judge, entry), total in scores.items():
        mean, sd = stats[judge]
        z = (total - mean) / sd if sd else Decimal(0)
        calibrated[(judge, entry)] = mean_all + z * sd_all
    return calibrated


def _mean_sd(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    mean = sum(values, Decimal(0)) / len(values)
    variance = sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)
    return mean, variance.sqrt()
