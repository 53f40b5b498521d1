"""``pramoen instrument …``: pure functions behind the Django management command.

    list [--json]
    lint [ID|PATH] [--json]              exit 1 only when an instrument has errors
    score ID|PATH ANSWERS.json [--json] [--overrides FILE.json] [--partial]
    explain ID|PATH                      the rubric in readable Thai
    template ID|PATH                     an empty answers skeleton (JSON)
    archive                              keep every current library version by hash

Bad YAML, an unknown rule kind or bad answers print a clear message with file/line or answer
path; no traceback reaches the user. Exit codes: 0 ok, 1 errors found / invalid input, 2 usage,
3 internal error (reported as a one-line message).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Any

from pramoen.instruments.answers import answers_template, validate_answers
from pramoen.instruments.compiler import CompileError, compile_instrument
from pramoen.instruments.explain import explain
from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.hashing import version_hash
from pramoen.instruments.lint import Finding, has_errors, lint
from pramoen.instruments.loader import (
    LIBRARY_DIR,
    InstrumentLoadError,
    library_files,
    load_instrument,
)
from pramoen.instruments.registry import UnknownInstrument, get_instrument, shipped_ids
from pramoen.instruments.schema import Instrument, OverrideError
from pramoen.instruments.versions import archive_current

MAX_ANSWERS_BYTES = 5_000_000


class CliError(Exception):
    """A user-facing failure: printed as-is, exit code 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"usage: {message}\n{self.format_usage()}".rstrip())


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pramoen instrument", description="Pramoen instruments (แบบประเมิน)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("list", help="list shipped instruments")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("lint", help="lint one instrument (id or path) or the whole library")
    p.add_argument("target", nargs="?")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("score", help="score an answers JSON file")
    p.add_argument("target")
    p.add_argument("answers")
    p.add_argument("--json", action="store_true")
    p.add_argument("--overrides", help="JSON file of campaign parameters {path: value}")
    p.add_argument(
        "--partial", action="store_true", help="score a draft: unanswered indicators count 0"
    )
    p = sub.add_parser("explain", help="render the rubric in Thai")
    p.add_argument("target")
    p = sub.add_parser("template", help="print an empty answers skeleton")
    p.add_argument("target")
    sub.add_parser("archive", help="keep every current library version in library/archive")
    return parser


def _resolve(target: str) -> Instrument:
    path = Path(target)
    if target.endswith((".yaml", ".yml")) or path.is_file():
        return load_instrument(path)
    try:
        return get_instrument(target)
    except UnknownInstrument:
        raise CliError(
            f"ไม่พบแบบประเมิน {target!r} / unknown instrument {target!r} "
            f"(known: {', '.join(shipped_ids())})"
        ) from None


def _read_json(path: str, what_th: str, what_en: str) -> Any:
    file_path = Path(path)
    try:
        size = file_path.stat().st_size
        if size > MAX_ANSWERS_BYTES:
            raise CliError(f"{path}: ไฟล์ใหญ่เกินกำหนด / file too large ({size} bytes)")
        text = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: อ่านไฟล์{what_th}ไม่ได้ / cannot read {what_en}: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"{path}:{exc.lineno}:{exc.colno}: JSON ไม่ถูกต้อง / invalid JSON: {exc.msg}"
        ) from None


def _dump(data: Any, out: IO[str]) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- commands


def cmd_list(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    rows: list[dict[str, Any]] = []
    failed = False
    for path in library_files(LIBRARY_DIR):
        try:
            inst = load_instrument(path)
        except InstrumentLoadError as exc:
            failed = True
            err.write(f"{exc}\n")
            continue
        rows.append(
            {
                "id": inst.id,
                "program": inst.program,
                "category": inst.category,
                "kind": inst.kind,
                "version": inst.version,
                "title_th": inst.title_th,
                "version_hash": version_hash(inst),
                "path": str(path.relative_to(LIBRARY_DIR)),
            }
        )
    if args.json:
        _dump(rows, out)
    else:
        for row in rows:
            out.write(
                f"{row['id']:<42} {row['kind']:<12} {row['version']:<6} "
                f"{row['version_hash'][:12]}  {row['title_th']}\n"
            )
    return 1 if failed else 0


def cmd_lint(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    targets: list[str] = (
        [args.target] if args.target else [str(p) for p in library_files(LIBRARY_DIR)]
    )
    report: list[dict[str, Any]] = []
    any_error = False
    for target in targets:
        try:
            inst = _resolve(target)
        except InstrumentLoadError as exc:
            any_error = True
            report.append({"target": target, "load_errors": [p.render() for p in exc.problems]})
            if not args.json:
                out.write(f"{exc}\n")
            continue
        findings = lint(inst)
        any_error = any_error or has_errors(findings)
        report.append({"target": inst.id, "findings": [f.to_dict() for f in findings]})
        if not args.json:
            _print_findings(inst.id, findings, out)
    if args.json:
        _dump(report if len(report) != 1 else report[0], out)
    return 1 if any_error else 0


def _print_findings(instrument_id: str, findings: list[Finding], out: IO[str]) -> None:
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    out.write(
        f"== {instrument_id}: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info\n"
    )
    for finding in findings:
        out.write(f"  {finding.render()}\n")


def cmd_score(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    inst = _resolve(args.target)
    answers = _read_json(args.answers, "คำตอบ", "answers")
    overrides = _read_json(args.overrides, "พารามิเตอร์", "overrides") if args.overrides else None
    if overrides is not None and not isinstance(overrides, dict):
        raise CliError(f"{args.overrides}: ต้องเป็น JSON object / overrides must be an object")
    try:
        compiled = compile_instrument(inst, overrides)
    except OverrideError as exc:
        raise CliError(f"พารามิเตอร์ไม่ถูกต้อง / bad override: {exc}") from None
    errors = validate_answers(compiled.instrument, answers, partial=args.partial)
    if errors:
        if args.json:
            _dump({"valid": False, "errors": [e.to_dict() for e in errors]}, out)
        else:
            err.write(f"{args.answers}: คำตอบไม่ถูกต้อง / invalid answers:\n")
            for error in errors:
                err.write(f"  {error}\n")
        return 1
    result = compiled.evaluate(answers)
    if args.json:
        _dump(result.to_dict(), out)
        return 0
    ins = compiled.instrument
    out.write(f"{ins.title_th}\n{ins.id} version {ins.version} hash {result.version_hash}\n")
    for comp in result.components:
        if not comp.applicable:
            continue
        out.write(f"\nองค์ประกอบที่ {comp.number or comp.path} {comp.title_th}")
        if comp.maximum:
            out.write(f": {fmt_number(comp.points)} / {fmt_number(comp.maximum)}")
        if comp.raw != comp.points or comp.raw_maximum != comp.maximum:
            out.write(f" (คะแนนดิบ {fmt_number(comp.raw)} / {fmt_number(comp.raw_maximum)})")
        out.write("\n")
        for ind in comp.indicators:
            if ind.applicable:
                out.write(f"  {ind.number or ind.path}. {ind.title_th}: {ind.explanation_th}\n")
    if result.maximum:  # a pass/fail form has no points to report
        out.write(
            f"\nคะแนนรวม {fmt_number(result.total)} (แสดงผล {result.display_total()}) "
            f"จาก {fmt_number(result.maximum)}\n"
        )
    else:
        out.write("\n")
    for gate in result.gates:
        status = {"passed": "ผ่าน", "failed": "ไม่ผ่าน", "unknown": "ยังไม่ทราบผล"}[gate.status]
        out.write(f"{gate.title_th}: {status}\n")
    if result.tier_label_th:
        note = " (ชั่วคราว: ยังไม่ทราบผลคุณสมบัติเบื้องต้น)" if result.tier_provisional else ""
        out.write(f"ผลรางวัล: {result.tier_label_th}{note}\n")
    for warning in result.warnings:
        out.write(f"คำเตือน {warning.path}: {warning.message_th} / {warning.message_en}\n")
    return 0


def cmd_template(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    _dump(answers_template(_resolve(args.target)), out)
    return 0


def cmd_explain(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    out.write(explain(_resolve(args.target)))
    return 0


def cmd_archive(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    written = archive_current()
    for path in written:
        out.write(f"{path.parent.name} {path.stem}\n")
    out.write(f"เก็บรุ่นใหม่ {fmt_number(len(written))} รุ่น / archived {len(written)} new version(s)\n")
    return 0


COMMANDS = {
    "list": cmd_list,
    "lint": cmd_lint,
    "score": cmd_score,
    "explain": cmd_explain,
    "template": cmd_template,
    "archive": cmd_archive,
}


def main(argv: list[str], stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run one CLI command; return the exit code. Never raises for bad input."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args, out, err)
    except CliError as exc:
        err.write(f"{exc}\n")
        return 2 if str(exc).startswith("usage:") else 1
    except InstrumentLoadError as exc:
        err.write(f"{exc}\n")
        return 1
    except CompileError as exc:
        err.write(f"แบบประเมินนี้คำนวณคะแนนไม่ได้ / instrument cannot be scored: {exc}\n")
        return 1
    except SystemExit as exc:  # argparse --help
        return int(exc.code or 0)
    except BrokenPipeError:  # `… | head`: the reader left; not an error of ours
        return 0
    except Exception as exc:  # a bug of ours: still a message, never a traceback for the user
        err.write(f"ข้อผิดพลาดภายใน / internal error: {type(exc).__name__}: {exc}\n")
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
