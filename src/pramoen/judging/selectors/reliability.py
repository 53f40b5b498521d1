"""How consistently a committee scored: Krippendorff's alpha on totals and per indicator.

Units are entries, raters the judges; only submitted reviews count. Per indicator, the points each
judge's answers give are worked out with the group's pinned instrument (compiled once); indicators
computed from the applicant's data are the same for every judge and are left out. The indicators
with the lowest agreement come first: that is where a chair looks when re-reading the rubric with
the committee. Two queries per group whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Review
from pramoen.judging.reliability import (
    Icc,
    ReliabilityError,
    bootstrap_alpha,
    icc,
    krippendorff_alpha,
    reading_th,
)
from pramoen.judging.scoring import answer_shapes, document, pinned_scoring

__all__ = ["GroupReliability", "IndicatorAgreement", "campaign_reliability", "group_reliability"]


@dataclass(frozen=True, slots=True)
class IndicatorAgreement:
    path: str
    label_th: str
    alpha: float | None
    problem_th: str = ""


@dataclass(frozen=True)
class GroupReliability:
    category: CampaignCategory
    entries: int  # entries with at least two submitted reviews
    judges: int
    alpha: float | None
    ci: tuple[float, float] | None
    reading_th: str
    problem_th: str
    icc: Icc | None
    indicators: list[IndicatorAgreement] = field(default_factory=list)

    @property
    def lowest(self) -> list[IndicatorAgreement]:
        return [i for i in self.indicators if i.alpha is not None][:3]


def _alpha(matrix: list[list[float | None]]) -> tuple[float | None, str]:
    try:
        return krippendorff_alpha(matrix, "interval"), ""
    except ReliabilityError as exc:
        return None, exc.message_th


def group_reliability(*, category: CampaignCategory, resamples: int = 500) -> GroupReliability:
    reviews = list(
        Review.objects.filter(entry__category=category, status=ReviewStatus.SUBMITTED)
        .order_by("entry_id", "judge_id")
        .values_list("entry_id", "judge_id", "indicators", "total")
    )
    entry_ids = sorted({r[0] for r in reviews})
    judge_ids = sorted({r[1] for r in reviews})
    column = {judge: n for n, judge in enumerate(judge_ids)}
    row = {entry: n for n, entry in enumerate(entry_ids)}
    totals: list[list[float | None]] = [[None] * len(judge_ids) for _ in entry_ids]
    compiled = pinned_scoring(category)
    judged = list(answer_shapes(compiled))  # indicators the judges answer (not computed)
    points: dict[str, list[list[float | None]]] = {
        p: [[None] * len(judge_ids) for _ in entry_ids] for p in judged
    }
    answers = dict(Entry.objects.filter(pk__in=entry_ids).values_list("pk", "answers"))
    for entry_id, judge_id, indicators, total in reviews:
        i, j = row[entry_id], column[judge_id]
        if total:
            totals[i][j] = float(Decimal(total))
        entry = Entry(pk=entry_id, answers=answers.get(entry_id) or {})
        result = compiled.evaluate(
            document(compiled=compiled, entry=entry, indicators=indicators, eligible=True)
        )
        for path in judged:
            points[path][i][j] = float(result.indicator(path).points)
    alpha, problem = _alpha(totals)
    ci = None
    if alpha is not None:
        try:
            ci = bootstrap_alpha(totals, "interval", resamples=resamples)
        except ReliabilityError:
            ci = None
    complete = all(v is not None for r in totals for v in r) and len(entry_ids) >= 2
    try:
        agreement = icc(totals) if complete and len(judge_ids) >= 2 else None
    except ReliabilityError:
        agreement = None
    labels = {
        f"{c.id}.{i.id}": f"{i.number or ''} {i.title_th}".strip()
        for c in compiled.instrument.rubric.components
        for i in c.indicators
    }
    per_indicator = []
    for path in judged:
        value, why = _alpha(points[path])
        per_indicator.append(IndicatorAgreement(path, labels.get(path, path), value, why))
    per_indicator.sort(key=lambda a: (a.alpha is None, a.alpha if a.alpha is not None else 0))
    pairable = sum(1 for r in totals if sum(v is not None for v in r) >= 2)
    return GroupReliability(
        category=category,
        entries=pairable,
        judges=len(judge_ids),
        alpha=alpha,
        ci=ci,
        reading_th=reading_th(alpha) if alpha is not None else "",
        problem_th=problem,
        icc=agreement,
        indicators=per_indicator,
    )


def campaign_reliability(*, campaign: Campaign, resamples: int = 200) -> list[GroupReliability]:
    """Every group with submitted reviews, the least consistent first."""
    groups = [
        group_reliability(category=category, resamples=resamples)
        for category in campaign.categories.filter(entries__reviews__status=ReviewStatus.SUBMITTED)
        .distinct()
        .order_by("position", "pk")
    ]
    return sorted(groups, key=lambda g: (g.alpha is None, g.alpha if g.alpha is not None else 0))
