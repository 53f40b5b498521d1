"""Judging arithmetic, pure Python (no Django): aggregation, disagreement, tiers, ranks.

Kept apart from models and views (as pretalx keeps ``submission/domain/review.py``) so that the
rules that decide an award are testable without a database and identical wherever they run.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pramoen.instruments.schema import TierRule
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


@dataclass(frozen=True, slots=True)
class TierFacts:
    """What tier rules look at besides the total, for one entry's panel result.

    ``components``: component id → (aggregated points, maximum), applicable components only;
    ``gates_passed``: every gate passed in every counted result (False: one failed, None: one
    unknown); ``judges``: how many judges' scores the result rests on."""

    components: Mapping[str, tuple[Decimal, Decimal]]
    gates_passed: bool | None
    judges: int


def tier_rule_failures(
    rule: TierRule, facts: TierFacts | None, labels: Mapping[str, str] | None = None
) -> list[str]:
    """Thai reasons why ``facts`` do not meet ``rule`` (empty: met); ``labels`` names the
    components as printed. Without facts (a caller that has none), a rule with conditions is not
    met: a tier is never given unchecked."""
    reasons: list[str] = []
    if rule.min_component_percent is not None:
        if facts is None:
            reasons.append("ไม่มีคะแนนรายองค์ประกอบ")
        else:
            for cid, (points, maximum) in facts.components.items():
                if maximum > 0 and points * 100 < rule.min_component_percent * maximum:
                    reasons.append(
                        f"{(labels or {}).get(cid, 'องค์ประกอบ')} ได้ต่ำกว่าร้อยละ "
                        f"{to_thai_digits(format(rule.min_component_percent.normalize(), 'f'))}"
                    )
    if rule.all_gates_passed and (facts is None or facts.gates_passed is not True):
        reasons.append("ยังไม่ผ่านเกณฑ์ที่ต้องผ่านทุกข้อ")
    if rule.min_judges is not None and (facts is None or facts.judges < rule.min_judges):
        reasons.append(f"กรรมการให้คะแนนไม่ถึง {to_thai_digits(str(rule.min_judges))} คน")
    return reasons


@dataclass(frozen=True, slots=True)
class TierDecision:
    tier: str | None
    label_th: str
    passed_over: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (tier id, Thai reasons), best first


def tier_decision(
    compiled: CompiledInstrument, total: Decimal, facts: TierFacts | None = None
) -> TierDecision:
    """The tier of an aggregated total: the instrument's half-open bands on the UNROUNDED total
    (docs/instruments.md, "Gates, tiers, totals"), then its tier rules: a band whose rule is not
    met passes the entry to the next band listed, down to none."""
    tiers = compiled.instrument.tiers
    rules: dict[str, list[TierRule]] = {}
    for rule in (tiers.rules if tiers else None) or []:
        rules.setdefault(rule.tier, []).append(rule)
    labels = {
        c.path: f"องค์ประกอบที่ {c.number}" if c.number else c.title_th for c in compiled.components
    }
    passed_over: list[tuple[str, tuple[str, ...]]] = []
    matched = False
    for band in compiled.tiers:
        if not matched:
            if band.lo is not None and (total < band.lo or (total == band.lo and not band.lo_incl)):
                continue
            if band.hi is not None and (total > band.hi or (total == band.hi and not band.hi_incl)):
                continue
            matched = True
        reasons = [
            r for rule in rules.get(band.id, []) for r in tier_rule_failures(rule, facts, labels)
        ]
        if not reasons:
            return TierDecision(band.id, band.label_th, tuple(passed_over))
        passed_over.append((band.id, tuple(reasons)))
    return TierDecision(None, tiers.none_label_th if tiers else "", tuple(passed_over))


def panel_facts(results: Sequence[ScoreResult], method: str = MEAN) -> TierFacts:
    """The tier-rule facts of a panel: each applicable component's points aggregated like the
    totals (``method``), its maximum, the gates of every result, the number of judges."""
    points: dict[str, list[Decimal]] = {}
    maxima: dict[str, Decimal] = {}
    for result in results:
        for path, applicable, value, maximum in result.component_points():
            if applicable:
                points.setdefault(path, []).append(value)
                maxima[path] = maximum
    statuses = [r.passed for r in results]
    gates: bool | None = False if False in statuses else (None if None in statuses else True)
    return TierFacts(
        components={
            cid: (aggregate(values, method), maxima[cid]) for cid, values in points.items()
        },
        gates_passed=gates if results else None,
        judges=len(results),
    )


def tier_for_total(
    compiled: CompiledInstrument, total: Decimal, facts: TierFacts | None = None
) -> tuple[str | None, str]:
    """Tier id and Thai label (:func:`tier_decision`)."""
    decision = tier_decision(compiled, total, facts)
    return decision.tier, decision.label_th


def tier_rules_legend_th(compiled: CompiledInstrument) -> list[str]:
    """The tier rules and the tie-break order in plain Thai, for the results legend."""
    tiers = compiled.instrument.tiers
    if tiers is None:
        return []
    labels = {b.id: b.label_th for b in tiers.bands}
    comps = {
        c.path: f"องค์ประกอบที่ {c.number}" if c.number else c.title_th for c in compiled.components
    }
    lines: list[str] = []
    for rule in tiers.rules or []:
        if rule.printed_th:
            lines.append(f"{labels.get(rule.tier, rule.tier)}: {rule.printed_th}")
            continue
        parts: list[str] = []
        if rule.min_component_percent is not None:
            pct = to_thai_digits(format(rule.min_component_percent.normalize(), "f"))
            parts.append(f"ทุกองค์ประกอบได้ไม่ต่ำกว่าร้อยละ {pct} ของคะแนนเต็ม")
        if rule.all_gates_passed:
            gates = [g.title_th for g in compiled.gates]
            parts.append(" และ".join(gates) if gates else "ผ่านเกณฑ์ที่ต้องผ่านทุกข้อ")
        if rule.min_judges is not None:
            parts.append(f"มีกรรมการให้คะแนนอย่างน้อย {to_thai_digits(str(rule.min_judges))} คน")
        if parts:
            lines.append(
                f"{labels.get(rule.tier, rule.tier)} ต้องครบทุกข้อ: {' · '.join(parts)}"
                " (ไม่ครบ ได้ระดับถัดลงไป)"
            )
    if tiers.tie_break:
        order = " แล้ว".join(comps.get(c, c) for c in tiers.tie_break)
        lines.append(f"คะแนนรวมเท่ากัน: จัดลำดับตามคะแนน{order} (มากกว่าได้ลำดับดีกว่า)")
    return lines


def tie_break_key(
    compiled: CompiledInstrument, components: Mapping[str, tuple[Decimal, Decimal]]
) -> tuple[Decimal, ...]:
    """The points of the instrument's ``tie_break`` components, in its order (0 when one does
    not apply), for :func:`competition_ranks`."""
    tiers = compiled.instrument.tiers
    order = (tiers.tie_break if tiers else None) or []
    return tuple(components.get(cid, (Decimal(0), Decimal(0)))[0] for cid in order)


def competition_ranks(
    totals: Sequence[Decimal], tie_keys: Sequence[tuple[Decimal, ...]] | None = None
) -> list[int]:
    """Standard competition ranking (1, 2, 3, 3, 5): equal totals share the better rank unless
    ``tie_keys`` (the tie-break components' points, first first) tell them apart."""
    keys = [(t, *(tie_keys[i] if tie_keys else ())) for i, t in enumerate(totals)]
    order = sorted(range(len(totals)), key=lambda i: keys[i], reverse=True)
    ranks = [0] * len(totals)
    previous: tuple[Decimal, ...] | None = None
    current = 0
    for position, index in enumerate(order, start=1):
        if previous is None or keys[index] != previous:
            current = position
            previous = keys[index]
        ranks[index] = current
    return ranks


def rank_label_th(rank: int | None, *, tiered: bool = True) -> str:
    """ชนะเลิศ / รองชนะเลิศอันดับ ๑ / รองชนะเลิศอันดับ ๒; other places have no title, nor has an
    entry that reached no tier (``tiered=False``): a title is an award (issue 20)."""
    if not tiered:
        return ""
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


# (position in ``compiled.indicators``, path, {level id: position}, the "no level" position) of
# each indicator with a level scale: ``disagreement`` compares judges' levels by these alone.
LevelPlan = tuple[tuple[int, str, Mapping[str, int], int], ...]


def level_plan(
    compiled: CompiledInstrument, scales: Mapping[str, Mapping[str, int]] | None = None
) -> LevelPlan:
    """The level-scaled indicators in the order ``ScoreResult.levels`` lists them (once per
    group: bulk work compares the levels of thousands of panels)."""
    if scales is None:
        scales = level_scales(compiled)
    plan = []
    for n, ind in enumerate(compiled.indicators):
        positions = scales.get(ind.path)
        if positions:
            plan.append((n, ind.path, positions, len(positions)))
    return tuple(plan)


def disagreement(
    compiled: CompiledInstrument,
    results: Sequence[ScoreResult],
    *,
    max_spread: Decimal,
    max_level_gap: int,
    scales: Mapping[str, Mapping[str, int]] | None = None,
    plan: LevelPlan | None = None,
) -> Disagreement:
    """Flag when the judges' totals spread more than ``max_spread`` points, or any indicator's
    levels differ by more than ``max_level_gap`` steps (positions as ``level_index`` gives them;
    ``plan`` from ``level_plan``, or ``scales`` from ``level_scales``, computed when not given)."""
    if len(results) < 2:
        return Disagreement(Decimal(0), False, ())
    if plan is None:
        plan = level_plan(compiled, scales)
    totals = [r.total for r in results]
    spread = max(totals) - min(totals)
    rows = [r.levels() for r in results]
    wide: list[tuple[int, int, str]] = []
    for n, path, positions, below in plan:
        low = high = first = -1
        for k, row in enumerate(rows):
            _path, applicable, level = row[n]
            if not applicable:
                continue
            # "No level" counts one step below the lowest printed level.
            position = positions.get(level or "", below)
            if first < 0:
                low = high = position
                first = k
            elif position < low:
                low = position
            elif position > high:
                high = position
        if first >= 0 and high - low > max_level_gap:
            wide.append((first, n, path))
    # Listed as they first appear judge by judge (an indicator may apply for one judge only).
    wide.sort()
    return Disagreement(spread, spread > max_spread, tuple(path for _f, _n, path in wide))


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


def calibrate(
    scores: Mapping[tuple[int, int], Decimal], *, maximum: Decimal | None = None
) -> dict[tuple[int, int], Decimal]:
    """Per-judge z-scores rescaled to the raw range: ``(judge, entry) → calibrated total``.

    Each judge's totals are standardised with that judge's mean and (population) standard
    deviation, then mapped back with the mean and deviation of all raw totals — so a lenient or
    a harsh judge no longer moves an entry up or down. A judge with one score, or equal scores,
    has no spread: their z-scores are 0 (the panel mean). With ``maximum`` (the instrument's
    full marks) the result stays on the instrument's scale, 0 to ``maximum``: a harsh judge's
    best entry no longer reads "102.36" on a 100-point scale (issue 20).
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
        value = mean_all + z * sd_all
        if maximum is not None:
            value = min(max(value, Decimal(0)), maximum)
        calibrated[(judge, entry)] = value
    return calibrated


def _mean_sd(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    mean = sum(values, Decimal(0)) / len(values)
    variance = sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)
    return mean, variance.sqrt()
