"""Judge-to-entry assignment as a minimum-cost flow (pure: no Django).

The network (solved by networkx's network simplex, integer costs)::

    entry ─(1 per allowed judge, −expertise)─▶ judge×weight class ─(convex)─▶ judge ─(convex)─▶ sink

* every entry sends ``min(need, allowed judges)`` units — N judges when it can have them;
* a conflicted or already-assigned judge has no arc: conflicts are forbidden edges, not costs;
* a judge's total load costs the square of its pages (one parallel arc per further entry, each
  costing the marginal square), so work spreads over judges;
* entries are put in up to eight weight classes by portfolio pages, and each judge's count
  within a class is convex too: every judge gets its share of long portfolios, which a count-only
  balance would not give (page-weighted balance itself is a bin-packing problem, not a flow);
* expertise (a small bonus per matching level or learning area) is worth less than one step of
  load, so it picks among equally loaded judges and never unbalances the work.

:func:`plan_greedy` is the previous algorithm (heaviest portfolio first, cheapest marginal
judge), kept for ``bench/assignment.py``. After the flow, :func:`_exchange` swaps entries
between the heaviest and lighter judges (same counts, same conflict rules, no expertise lost)
to even out pages within a weight class.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx

MAX_CLASSES = 8
TOTAL_SHARE = 4
# One weight unit = 1/100 of an entry weight (1 + pages/100): one page.
_UNIT = Decimal(100)


@dataclass(frozen=True, slots=True)
class Task:
    """An entry to staff: its key, its weight (1 + pages/100) and the judges it still needs."""

    key: int
    weight: Decimal
    need: int


@dataclass(frozen=True, slots=True)
class Plan:
    pairs: list[tuple[int, int]]  # (entry, judge), new assignments only
    short: dict[int, int] = field(default_factory=dict)  # entry → judges it still lacks


def _units(weight: Decimal) -> int:
    return max(1, int((weight * _UNIT).to_integral_value()))


def weight_classes(weights: Sequence[int], *, classes: int = MAX_CLASSES) -> list[int]:
    """Class index (0 = lightest) per weight: equal-count bands of the sorted weights; equal
    weights always share a class."""
    if not weights:
        return []
    order = sorted(set(weights))
    count = min(classes, len(order))
    ranked = sorted(weights)
    bounds = [
        ranked[min(len(ranked) - 1, (len(ranked) * (i + 1)) // count - 1)] for i in range(count)
    ]
    return [next(i for i, b in enumerate(bounds) if w <= b) for w in weights]


def _convex_arcs(
    graph: nx.MultiDiGraph,
    tail: object,
    head: object,
    *,
    start: int,
    step: int,
    cap: int,
    scale: int = 1,
) -> None:
    """Parallel unit arcs ``tail → head``, the k-th costing
    (start + k·step)² − (start + (k−1)·step)², then one uncapacitated arc at four times the last
    marginal (convex, and always feasible)."""
    last = 0
    for k in range(1, cap + 1):
        last = scale * ((start + k * step) ** 2 - (start + (k - 1) * step) ** 2)
        graph.add_edge(tail, head, capacity=1, weight=last)
    graph.add_edge(tail, head, weight=max(1, 4 * (last or scale * (start + step) ** 2)))


def plan_flow(
    *,
    tasks: Sequence[Task],
    judges: Sequence[int],
    allowed: Mapping[int, frozenset[int]],
    load: Mapping[int, Decimal] | None = None,
    expertise: Mapping[tuple[int, int], int] | None = None,
) -> Plan:
    """Assign judges to ``tasks`` by min-cost flow.

    ``allowed[entry]`` are the judges with no active conflict and no assignment to it yet;
    ``load[judge]`` the weight they already carry; ``expertise[(judge, entry)]`` a small count
    (0–2) of matching level / learning area."""
    load = load or {}
    expertise = expertise or {}
    judge_set = set(judges)
    caps = {t.key: min(t.need, len(allowed.get(t.key, frozenset()) & judge_set)) for t in tasks}
    short = {t.key: t.need - caps[t.key] for t in tasks if caps[t.key] < t.need}
    work = [t for t in tasks if caps[t.key] > 0]
    if not work or not judges:
        return Plan(pairs=[], short=short)
    units = [_units(t.weight) for t in work]
    klass = dict(zip([t.key for t in work], weight_classes(units), strict=True))
    mean_units = max(
        1,
        round(sum(u * caps[t.key] for u, t in zip(units, work, strict=True)) / sum(caps.values())),
    )
    # The judge's total load weighs TOTAL_SHARE times its per-class counts: the class term only
    # spreads long portfolios among the counts the total term chose (weighed alike, it would
    # trade a count imbalance for a class balance). Expertise is worth less than one step of
    # the total term (2·mean² between neighbouring counts) even at 2 points.
    bonus = max(1, TOTAL_SHARE * mean_units**2 // 3)
    flow_total = sum(caps[t.key] for t in work)
    graph = nx.MultiDiGraph()
    graph.add_node("sink", demand=flow_total)
    per_class: dict[tuple[int, int], int] = {}
    class_units: dict[int, list[int]] = {}
    for task, u in zip(work, units, strict=True):
        c = klass[task.key]
        class_units.setdefault(c, []).append(u)
        graph.add_node(("e", task.key), demand=-caps[task.key])
        for judge in sorted(allowed[task.key] & judge_set):
            per_class[(judge, c)] = per_class.get((judge, c), 0) + 1
            cost = -bonus * int(expertise.get((judge, task.key), 0))
            graph.add_edge(("e", task.key), ("jc", judge, c), capacity=1, weight=cost)
    class_need = {c: sum(caps[t.key] for t in work if klass[t.key] == c) for c in class_units}
    for (judge, c), reachable in per_class.items():
        mean_c = round(sum(class_units[c]) / len(class_units[c]))
        fair = math.ceil(class_need[c] / len(judges))
        _convex_arcs(
            graph,
            ("jc", judge, c),
            ("j", judge),
            start=0,
            step=mean_c,
            cap=min(reachable, 2 * fair + 2),
        )
    fair_total = math.ceil(flow_total / len(judges))
    for judge in {j for j, _c in per_class}:
        reachable = sum(n for (j, _c), n in per_class.items() if j == judge)
        _convex_arcs(
            graph,
            ("j", judge),
            "sink",
            start=int(load.get(judge, Decimal(0)) * _UNIT),
            step=mean_units,
            cap=min(reachable, 2 * fair_total + 2),
            scale=TOTAL_SHARE,
        )
    _cost, flow = nx.network_simplex(graph)
    pairs: list[tuple[int, int]] = []
    for task in work:
        for head, arcs in flow[("e", task.key)].items():
            if any(arcs.values()):
                pairs.append((task.key, head[1]))
    weights = {t.key: t.weight for t in work}
    pairs = _exchange(pairs, weights=weights, allowed=allowed, load=load, expertise=expertise)
    return Plan(pairs=sorted(pairs), short=short)


def _exchange(
    pairs: list[tuple[int, int]],
    *,
    weights: Mapping[int, Decimal],
    allowed: Mapping[int, frozenset[int]],
    load: Mapping[int, Decimal],
    expertise: Mapping[tuple[int, int], int],
    rounds: int = 2000,
) -> list[tuple[int, int]]:
    """Polish the flow's page balance: swap one entry of the heaviest judge with a lighter one
    of another judge while that lowers the sum of squared loads, keeps every judge's count and
    every conflict rule, and loses no expertise match. The flow fixes counts per weight class;
    within a class, pages still differ, which this exchange evens out."""
    held: dict[int, set[int]] = {}
    for entry, judge in pairs:
        held.setdefault(judge, set()).add(entry)
    total = {j: load.get(j, Decimal(0)) + sum(weights[e] for e in es) for j, es in held.items()}
    for _ in range(rounds):
        order = sorted(total, key=lambda j: (-total[j], j))
        swapped = False
        for heavy in order[:3]:
            for light in reversed(order):
                gap = total[heavy] - total[light]
                if gap <= 0:
                    break
                best: tuple[Decimal, int, int] | None = None
                for e_h in held[heavy]:
                    if light not in allowed[e_h] or e_h in held[light]:
                        continue
                    for e_l in held[light]:
                        d = weights[e_h] - weights[e_l]
                        if not 0 < d < gap or heavy not in allowed[e_l] or e_l in held[heavy]:
                            continue
                        kept = expertise.get((light, e_h), 0) + expertise.get((heavy, e_l), 0)
                        if kept < expertise.get((heavy, e_h), 0) + expertise.get((light, e_l), 0):
                            continue
                        score = abs(gap - 2 * d)
                        if best is None or score < best[0]:
                            best = (score, e_h, e_l)
                if best is not None:
                    _s, e_h, e_l = best
                    held[heavy] ^= {e_h, e_l}
                    held[light] ^= {e_h, e_l}
                    shift = weights[e_h] - weights[e_l]
                    total[heavy] -= shift
                    total[light] += shift
                    swapped = True
                    break
            if swapped:
                break
        if not swapped:
            break
    return [(e, j) for j, es in held.items() for e in es]


def _marginal(load: Decimal, weight: Decimal) -> Decimal:
    return (load + weight) ** 2 - load**2


def plan_greedy(
    *,
    tasks: Sequence[Task],
    judges: Sequence[int],
    allowed: Mapping[int, frozenset[int]],
    load: Mapping[int, Decimal] | None = None,
) -> Plan:
    """The previous algorithm: heaviest portfolio first, each to the judge whose quadratic load
    grows least (ties by key)."""
    current = {j: Decimal(0) for j in judges}
    current.update({j: w for j, w in (load or {}).items() if j in current})
    pairs: list[tuple[int, int]] = []
    short: dict[int, int] = {}
    for task in sorted(tasks, key=lambda t: (-t.weight, t.key)):
        options = sorted(allowed.get(task.key, frozenset()) & current.keys())
        picked = 0
        while picked < task.need and options:
            best = min(options, key=lambda j: (_marginal(current[j], task.weight), j))
            options.remove(best)
            current[best] += task.weight
            pairs.append((task.key, best))
            picked += 1
        if picked < task.need:
            short[task.key] = task.need - picked
    return Plan(pairs=sorted(pairs), short=short)


def judge_loads(
    plan: Plan,
    tasks: Sequence[Task],
    judges: Sequence[int],
    load: Mapping[int, Decimal] | None = None,
) -> dict[int, Decimal]:
    """Each judge's total weight after ``plan`` (for tests and the benchmark)."""
    weight = {t.key: t.weight for t in tasks}
    totals = {j: (load or {}).get(j, Decimal(0)) for j in judges}
    for entry, judge in plan.pairs:
        totals[judge] += weight[entry]
    return totals
