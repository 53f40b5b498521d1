"""Every service that changes data in a transaction (``@transaction.atomic``) writes an audit row
(issue 16) — itself, or through another service or audit helper it calls — or is listed in
``NOT_DECISIONS`` with the reason it records no decision. A new atomic service without either
fails here."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "pramoen"
AUDIT_WRITERS = {"audit_record", "audit_rows"}

# service -> why it writes no audit row of its own
NOT_DECISIONS: dict[str, str] = {
    "core.services.audit_record": "it is the audit row",
    "judging.services.assignment_jobs.assignments_auto_queue": (
        "it queues the job; the job's assignments_auto writes the audit row when it assigns"
    ),
}


def _service_modules() -> list[Path]:
    return sorted(
        path
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and (
            path.stem == "services"
            or path.stem.endswith("_services")  # orgs.quality_services, orgs.region_services
            or "services" in path.parent.name.split(".")
        )
    )


def _is_atomic(node: ast.FunctionDef) -> bool:
    return any(ast.unparse(d).startswith("transaction.atomic") for d in node.decorator_list)


def _called_names(node: ast.FunctionDef) -> set[str]:
    names = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _services() -> dict[str, tuple[bool, set[str]]]:
    found: dict[str, tuple[bool, set[str]]] = {}
    for path in _service_modules():
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                found[f"{module}.{node.name}"] = (_is_atomic(node), _called_names(node))
    return found


def test_every_atomic_service_writes_an_audit_row_or_says_why_not():
    services = _services()
    by_name: dict[str, list[str]] = {}
    for qualified in services:
        by_name.setdefault(qualified.rsplit(".", 1)[1], []).append(qualified)
    audited: set[str] = set()
    changed = True
    while changed:  # a service audits when it, or a function it calls, writes an audit row
        changed = False
        for qualified, (_, calls) in services.items():
            if qualified in audited:
                continue
            callees = {q for name in calls for q in by_name.get(name, [])}
            if calls & AUDIT_WRITERS or callees & audited:
                audited.add(qualified)
                changed = True
    atomic = {q for q, (is_atomic, _) in services.items() if is_atomic}
    assert len(atomic) > 40, "the scan found the services"
    missing = sorted(atomic - audited - set(NOT_DECISIONS))
    assert missing == []
    stale = sorted(set(NOT_DECISIONS) - atomic)
    assert stale == []
