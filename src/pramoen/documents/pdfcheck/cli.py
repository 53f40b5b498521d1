"""``pramoen pdf check FILE [--json]`` — the CLI core; Django's command only forwards argv."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from .findings import page_ranges
from .rules import PortfolioRules
from .runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, run_check_subprocess

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNVERIFIABLE = 3

_SEVERITY_TH = {"error": "ไม่ผ่าน", "warning": "คำเตือน", "unverifiable": "ตรวจไม่ได้"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pramoen pdf", description="ตรวจรูปแบบแฟ้มผลงาน PDF (Portfolio format checker)"
    )
    sub = parser.add_subparsers(dest="action", required=True)
    check = sub.add_parser("check", help="ตรวจไฟล์ PDF หนึ่งไฟล์")
    check.add_argument("file", help="ไฟล์ PDF")
    check.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")
    check.add_argument("--max-pages", type=int, default=None)
    check.add_argument("--body-size", type=float, default=None, help="ขนาดอักษรเนื้อหา (pt)")
    check.add_argument("--font", action="append", default=None, help="แบบอักษรที่อนุญาต (ใส่ซ้ำได้)")
    check.add_argument("--allow-qr", action="store_true", help="ไม่ตรวจคิวอาร์โค้ด")
    check.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S)
    check.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    return parser


def _rules(args: argparse.Namespace) -> PortfolioRules:
    data: dict[str, Any] = {}
    if args.max_pages is not None:
        data["max_pages"] = args.max_pages
    if args.body_size is not None:
        data["body_size_pt"] = args.body_size
    if args.font:
        data["allowed_font_families"] = args.font
    if args.allow_qr:
        data["qr_forbidden"] = False
    return PortfolioRules.from_dict(data)


def format_human(path: str, result: dict[str, Any]) -> str:
    verdict = {True: "ผ่าน", False: "ไม่ผ่าน", None: "ตรวจสอบไม่ได้"}[result["ok"]]
    lines = [f"ไฟล์: {path}", f"ผลการตรวจ: {verdict}"]
    if result.get("pages") is not None:
        lines.append(f"จำนวนหน้า: {result['pages']}")
    measured = result.get("measured") or {}
    if "body_size_pt" in measured:
        lines.append(f"อักษรเนื้อหา: {measured.get('body_font', '?')} {measured['body_size_pt']:g} pt")
    for finding in result["findings"]:
        label = _SEVERITY_TH.get(finding["severity"], finding["severity"])
        pages = f" [หน้า {page_ranges(finding['pages'])}]" if finding["pages"] else ""
        lines.append(f"- {label}{pages}: {finding['message']}")
    if not result["findings"]:
        lines.append("ไม่พบข้อผิดพลาด")
    return "\n".join(lines)


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        rules = _rules(args)
    except (TypeError, ValueError) as exc:
        print(f"กฎการตรวจไม่ถูกต้อง: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = run_check_subprocess(args.file, rules, args.timeout, args.memory_mb)
    if args.json:
        out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_human(args.file, result) + "\n")
    if result["ok"] is True:
        return EXIT_OK
    if result["ok"] is None:
        return EXIT_UNVERIFIABLE
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
