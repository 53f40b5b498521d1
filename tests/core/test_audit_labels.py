"""Every audit action code used in src/ has a Thai label (the audit-log viewer shows no codes)."""

from __future__ import annotations

import re
from pathlib import Path

from pramoen.core.audit_labels import ACTION_LABELS, action_label

SRC = Path(__file__).resolve().parents[2] / "src" / "pramoen"
# action="orgs.school_update" (a code has a dot; argparse's action="store_true" has none).
LITERAL = re.compile(r"""action\s*=\s*["']([a-z_]+\.[a-z_]+)["']""")
# The two codes built from a variable, with every value the variable takes.
BUILT = {
    'f"studio.draft_{action}"': [
        f"studio.draft_{a}" for a in ("add", "remove", "up", "down", "rule_kind")
    ],
    'f"orgs.import_{importer.kind}"': [f"orgs.import_{k}" for k in ("schools", "people", "onet")],
}


def _codes_in_src() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(LITERAL.findall(text))
        for pattern, values in BUILT.items():
            if pattern in text:
                codes |= set(values)
    return codes


def test_the_scan_finds_the_codes_of_the_services():
    codes = _codes_in_src()
    # The scan itself must work, or the next test passes on nothing.
    assert {"orgs.school_update", "awards.entry_submit", "studio.draft_up"} <= codes
    assert len(codes) > 90


def test_every_action_code_used_in_src_has_a_thai_label():
    missing = sorted(code for code in _codes_in_src() if code not in ACTION_LABELS)
    assert missing == []


def test_the_built_codes_still_exist_as_written():
    texts = "".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    assert [pattern for pattern in BUILT if pattern not in texts] == []


def test_every_label_is_thai():
    thai = re.compile(r"[\u0e00-\u0e7f]")
    assert [code for code, label in ACTION_LABELS.items() if not thai.search(str(label))] == []


def test_an_unknown_code_reads_as_thai_not_as_the_code():
    assert action_label("something.new") == "การเปลี่ยนแปลงอื่น"
