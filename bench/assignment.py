"""Benchmark: judge assignment by min-cost flow vs the previous greedy (issue 14, "Must show").

National-size synthetic committee (default 2,000 entries × 60 judges, 3 judges per entry):
entries come from schools in school networks of uneven size (a few large networks, many small
ones), judges are drawn from those networks too, and a judge is conflicted with every entry of
its own school network (the org-chart rule of ``judging.selectors.conflicts``) plus a few
declared conflicts. Portfolio pages 10–100 (the campaign's default page cap), weight
1 + pages/100 as ``portfolio_weight`` gives it.

Both algorithms run on the same data in the same run (``pramoen.judging.assignment``) and the
script prints, per algorithm: max load, min load, load spread (max − min) and its standard
deviation in weight units, max entries per judge, infeasible (under-staffed) entries, conflicts
assigned (must be 0) and time.

Run: .venv/bin/python bench/assignment.py            (three presets: national, dense conflicts,
                                                    too few judges)
     .venv/bin/python bench/assignment.py --entries 2000 --judges 60 --networks 40
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from decimal import Decimal

from pramoen.judging.assignment import Plan, Task, judge_loads, plan_flow, plan_greedy


def _data(
    entries: int, judges: int, per_entry: int, seed: int, networks: int = 40
) -> tuple[list[Task], list[int], dict[int, frozenset[int]], dict[tuple[int, int], int]]:
    rnd = random.Random(seed)
    # Zipf-like network sizes: network 0 holds many schools, the tail few.
    sizes = [1 / (n + 1) ** 0.8 for n in range(networks)]
    entry_net = rnd.choices(range(networks), weights=sizes, k=entries)
    judge_net = rnd.choices(range(networks), weights=sizes, k=judges)
    tasks = [
        Task(key=e, weight=Decimal(1) + Decimal(rnd.randint(10, 100)) / 100, need=per_entry)
        for e in range(entries)
    ]
    judge_keys = list(range(10_000, 10_000 + judges))
    allowed: dict[int, frozenset[int]] = {}
    for e in range(entries):
        ok = {
            j
            for i, j in enumerate(judge_keys)
            if judge_net[i] != entry_net[e] and rnd.random() > 0.01  # 1 % declared conflicts
        }
        allowed[e] = frozenset(ok)
    # Expertise: the judge's school teaches the entry's level (about half the pairs).
    expertise = {(j, e): 1 for e in range(entries) for j in allowed[e] if rnd.random() < 0.5}
    return tasks, judge_keys, allowed, expertise


def _report(
    name: str,
    plan: Plan,
    tasks: list[Task],
    judges: list[int],
    allowed: dict[int, frozenset[int]],
    seconds: float,
) -> None:
    loads = judge_loads(plan, tasks, judges)
    counts = Counter(j for _e, j in plan.pairs)
    values = [float(v) for v in loads.values()]
    bad = sum(1 for e, j in plan.pairs if j not in allowed[e])
    print(
        f"{name:>14}: max load {max(values):8.2f}  min {min(values):8.2f}  "
        f"spread {max(values) - min(values):7.2f}  sd {statistics.pstdev(values):6.2f}  "
        f"max entries/judge {max(counts.values(), default=0):4d}  "
        f"infeasible entries {len(plan.short):3d}  conflicts assigned {bad}  "
        f"time {seconds:7.2f} s"
    )


PRESETS = {
    # name: (entries, judges, networks)
    "national": (2000, 60, 40),
    "dense conflicts": (2000, 9, 3),
    "too few judges": (500, 5, 4),
}


def _run(entries: int, judges_n: int, per_entry: int, seed: int, networks: int) -> None:
    tasks, judges, allowed, expertise = _data(entries, judges_n, per_entry, seed, networks)
    pairs_possible = sum(len(a) for a in allowed.values())
    print(
        f"{entries} entries × {judges_n} judges in {networks} networks, {per_entry} per entry, "
        f"{entries * judges_n - pairs_possible} conflicted pairs "
        f"({100 * (1 - pairs_possible / (entries * judges_n)):.1f} %)"
    )
    started = time.perf_counter()
    greedy = plan_greedy(tasks=tasks, judges=judges, allowed=allowed)
    greedy_s = time.perf_counter() - started
    started = time.perf_counter()
    flow = plan_flow(tasks=tasks, judges=judges, allowed=allowed, expertise=expertise)
    flow_s = time.perf_counter() - started
    _report("greedy", greedy, tasks, judges, allowed, greedy_s)
    _report("min-cost flow", flow, tasks, judges, allowed, flow_s)
    matched = sum(expertise.get((j, e), 0) for e, j in flow.pairs)
    matched_greedy = sum(expertise.get((j, e), 0) for e, j in greedy.pairs)
    print(
        f"{'':>14}  expertise matches: greedy {matched_greedy} / {len(greedy.pairs)}, "
        f"min-cost flow {matched} / {len(flow.pairs)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, help="one scenario instead of the presets")
    parser.add_argument("--judges", type=int, default=60)
    parser.add_argument("--networks", type=int, default=40, help="fewer: denser conflicts")
    parser.add_argument("--per-entry", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.entries:
        _run(args.entries, args.judges, args.per_entry, args.seed, args.networks)
        return
    for name, (entries, judges, networks) in PRESETS.items():
        print(f"== {name}")
        _run(entries, judges, args.per_entry, args.seed, networks)


if __name__ == "__main__":
    main()
