"""Inter-rater reliability of a committee: Krippendorff's alpha and Shrout & Fleiss' ICC.

Pure Python (no Django, no numpy): statistics of the judges' scores, not scores themselves, so
floats are fine here (the scores stay ``Decimal`` everywhere else).

* :func:`krippendorff_alpha` — any number of judges, missing ratings allowed (a judge who did not
  score an entry), at the nominal, ordinal, interval or ratio level, computed from the coincidence
  matrix as in Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability"; units with fewer
  than two ratings are not pairable and drop out.
* :func:`icc` — ICC(2,1), ICC(2,k), ICC(3,1), ICC(3,k) of Shrout & Fleiss (1979) "Intraclass
  correlations: uses in assessing rater reliability", Psychological Bulletin 86(2), for complete
  designs (every judge rated every entry).
* :func:`bootstrap_alpha` — a percentile confidence interval from resampling entries (units) with
  replacement, seeded so a report reads the same every time.
* :func:`reading_th` — the plain Thai reading shown to the chair and ESA staff.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LEVELS",
    "Icc",
    "Level",
    "ReliabilityError",
    "bootstrap_alpha",
    "icc",
    "krippendorff_alpha",
    "reading_th",
]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
# rows are units (entries), columns are judges; None = not rated
Ratings = Sequence[Sequence[float | None]]


class ReliabilityError(ValueError):
    """Not enough data to compute the coefficient; ``message_th`` says why, in Thai."""

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_th = message_th


def _pairable(ratings: Ratings) -> list[list[float]]:
    units = [[float(v) for v in row if v is not None] for row in ratings]
    return [u for u in units if len(u) >= 2]


def _delta(level: Level, values: list[float], marginals: dict[float, float]) -> Callable:
    if level == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if level == "interval":
        return lambda c, k: (c - k) ** 2
    if level == "ratio":
        return lambda c, k: 0.0 if c + k == 0 else ((c - k) / (c + k)) ** 2
    # ordinal: (sum of the marginals from c to k minus half of both ends) squared
    ordered = sorted(values)
    position = {v: i for i, v in enumerate(ordered)}
    cumulative = [0.0]
    for v in ordered:
        cumulative.append(cumulative[-1] + marginals[v])

    def ordinal(c: float, k: float) -> float:
        i, j = sorted((position[c], position[k]))
        between = cumulative[j + 1] - cumulative[i]
        return (between - (marginals[c] + marginals[k]) / 2) ** 2

    return ordinal


def krippendorff_alpha(ratings: Ratings, level: Level = "interval") -> float:
    """Krippendorff's alpha of ``ratings`` (rows: entries, columns: judges, None: not rated)."""
    if level not in LEVELS:
        raise ReliabilityError(
            f"ระดับการวัดต้องเป็นหนึ่งใน {', '.join(LEVELS)}", f"level must be one of {LEVELS}"
        )
    units = _pairable(ratings)
    if not units:
        raise ReliabilityError(
            "ไม่มีผลงานที่กรรมการอย่างน้อย ๒ คนให้คะแนน จึงคำนวณความสอดคล้องไม่ได้",
            "no entry was rated by at least two judges",
        )
    coincidences: dict[tuple[float, float], float] = {}
    for unit in units:
        weight = 1.0 / (len(unit) - 1)
        counts = Counter(unit)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[(c, k)] = coincidences.get((c, k), 0.0) + pairs * weight
    marginals: dict[float, float] = {}
    for (c, _k), o in coincidences.items():
        marginals[c] = marginals.get(c, 0.0) + o
    n = sum(marginals.values())
    values = list(marginals)
    delta = _delta(level, values, marginals)
    observed = sum(o * delta(c, k) for (c, k), o in coincidences.items()) / n
    expected = sum(marginals[c] * marginals[k] * delta(c, k) for c in values for k in values) / (
        n * (n - 1)
    )
    if expected == 0:
        raise ReliabilityError(
            "กรรมการทุกคนให้คะแนนเท่ากันทุกผลงาน จึงไม่มีความแปรปรวนให้วัดความสอดคล้อง",
            "no variation in the ratings: alpha is undefined",
        )
    return 1.0 - observed / expected


@dataclass(frozen=True, slots=True)
class Icc:
    """Shrout & Fleiss (1979): ICC(2,·) two-way random, ICC(3,·) two-way mixed (consistency)."""

    icc2_1: float
    icc2_k: float
    icc3_1: float
    icc3_k: float
    targets: int
    judges: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "icc2_1": self.icc2_1,
            "icc2_k": self.icc2_k,
            "icc3_1": self.icc3_1,
            "icc3_k": self.icc3_k,
            "targets": self.targets,
            "judges": self.judges,
        }


def icc(ratings: Ratings) -> Icc:
    """The intraclass correlations of a complete design (no missing rating)."""
    if any(v is None for row in ratings for v in row):
        raise ReliabilityError(
            "ICC ใช้ได้เมื่อกรรมการทุกคนให้คะแนนทุกผลงาน", "ICC needs a complete design"
        )
    rows = [[float(v) for v in row if v is not None] for row in ratings if row]
    n = len(rows)
    k = len(rows[0]) if rows else 0
    if n < 2 or k < 2 or any(len(r) != k for r in rows):
        raise ReliabilityError(
            "ICC ต้องมีผลงานอย่างน้อย ๒ รายการ และกรรมการอย่างน้อย ๒ คนที่ให้คะแนนครบ",
            "ICC needs at least 2 entries and 2 judges, all rated",
        )
    grand = sum(map(sum, rows)) / (n * k)
    row_means = [sum(r) / k for r in rows]
    col_means = [sum(r[j] for r in rows) / n for j in range(k)]
    bss = k * sum((m - grand) ** 2 for m in row_means)
    jss = n * sum((m - grand) ** 2 for m in col_means)
    tss = sum((v - grand) ** 2 for r in rows for v in r)
    bms = bss / (n - 1)
    jms = jss / (k - 1)
    ems = (tss - bss - jss) / ((n - 1) * (k - 1))
    if bms == 0:
        raise ReliabilityError(
            "ทุกผลงานได้คะแนนเฉลี่ยเท่ากัน จึงคำนวณ ICC ไม่ได้", "no variance between entries"
        )
    return Icc(
        icc2_1=(bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n),
        icc2_k=(bms - ems) / (bms + (jms - ems) / n),
        icc3_1=(bms - ems) / (bms + (k - 1) * ems),
        icc3_k=(bms - ems) / bms,
        targets=n,
        judges=k,
    )


def bootstrap_alpha(
    ratings: Ratings,
    level: Level = "interval",
    *,
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 2569,
) -> tuple[float, float]:
    """A percentile interval of alpha from resampling the pairable entries with replacement.

    Resamples without variation (alpha undefined) are skipped; seeded, so it is reproducible.
    """
    units = _pairable(ratings)
    if len(units) < 2:
        raise ReliabilityError(
            "ต้องมีผลงานที่กรรมการอย่างน้อย ๒ คนให้คะแนนอย่างน้อย ๒ รายการ",
            "the bootstrap needs at least two pairable entries",
        )
    rng = random.Random(seed)  # noqa: S311 — a reproducible bootstrap, not security
    found: list[float] = []
    for _ in range(resamples):
        sample = [units[rng.randrange(len(units))] for _ in units]
        try:
            found.append(krippendorff_alpha(sample, level))
        except ReliabilityError:
            continue
    if not found:
        raise ReliabilityError("สุ่มซ้ำแล้วไม่มีชุดใดคำนวณได้", "no resample was computable")
    found.sort()
    tail = (1 - confidence) / 2
    low = found[max(0, math.floor(tail * len(found)))]
    high = found[min(len(found) - 1, math.ceil((1 - tail) * len(found)) - 1)]
    return low, high


def reading_th(alpha: float) -> str:
    """Krippendorff's own guide (2004, §12.2.4): rely on α ≥ .800, tentative conclusions from
    .667 ≤ α < .800, discard data below .667 — in the words a committee chair acts on."""
    if alpha >= 0.8:
        return "กรรมการให้คะแนนสอดคล้องกันดี"
    if alpha >= 0.667:
        return "ความสอดคล้องของกรรมการพอใช้ — ควรทบทวนตัวชี้วัดที่สอดคล้องน้อยที่สุด"
    return "ความสอดคล้องของกรรมการต่ำ — ควรทบทวนตัวชี้วัดและหารือเกณฑ์ร่วมกันก่อนสรุปผล"
