"""Load instrument YAML files into validated models, with errors that name the file and line.

Only ``yaml.safe_load``-equivalent parsing is used (SafeLoader): no Python object tags.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pramoen.instruments.hashing import canonical_json
from pramoen.instruments.schema import RULE_KINDS, Instrument

LIBRARY_DIR = Path(__file__).resolve().parent.parent / "library"
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class LoadProblem:
    path: str
    line: int | None
    column: int | None
    location: str
    message_en: str
    message_th: str

    def render(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        loc = f" [{self.location}]" if self.location else ""
        return f"{where}{loc}: {self.message_en} / {self.message_th}"


class InstrumentLoadError(ValueError):
    """The file cannot be read, parsed or validated; ``problems`` say where and why."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


def _node_at(root: yaml.Node | None, loc: tuple[Any, ...]) -> yaml.Node | None:
    """Follow a pydantic error location through the composed YAML node graph."""
    node = root
    deepest = root
    for part in loc:
        if node is None:
            break
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    found = value_node
                    break
            if found is None:
                # union tags such as 'item_count_bands' in the loc are not YAML keys: skip them
                continue
            node = found
        elif isinstance(node, yaml.SequenceNode):
            if isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                continue
        else:
            break
        deepest = node
    return deepest


def _mark(node: yaml.Node | None) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1


_TH_BY_TYPE = {
    "missing": "ขาดข้อมูลที่จำเป็น",
    "extra_forbidden": "มีคีย์ที่ไม่รู้จัก",
    "union_tag_invalid": "ชนิดกฎ (kind) ไม่รู้จัก",
    "union_tag_not_found": "ไม่ได้ระบุชนิดกฎ (kind)",
    "literal_error": "ค่าไม่อยู่ในตัวเลือกที่กำหนด",
    "string_pattern_mismatch": "รูปแบบรหัสไม่ถูกต้อง",
}


def _problems_from_validation(
    path: str, root: yaml.Node | None, exc: ValidationError
) -> list[LoadProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        line, column = _mark(_node_at(root, loc))
        message = error["msg"]
        if error["type"] == "union_tag_invalid":
            message = (
                f"unknown rule kind {error.get('input', {}).get('kind')!r}; "
                f"expected one of {', '.join(RULE_KINDS)}"
                if isinstance(error.get("input"), dict)
                else message
            )
        problems.append(
            LoadProblem(
                path=path,
                line=line,
                column=column,
                location=".".join(str(p) for p in loc),
                message_en=message,
                message_th=_TH_BY_TYPE.get(error["type"], "ข้อมูลไม่ถูกต้องตามโครงสร้างแบบประเมิน"),
            )
        )
    return problems


def parse_instrument(text: str, path: str = "<string>") -> Instrument:
    """Parse YAML text into a validated Instrument, or raise InstrumentLoadError."""
    try:
        return _parse(text, path)
    except RecursionError:
        # "[[[[…" or a self-referencing alias: refused, never a crash of the caller.
        raise InstrumentLoadError(
            [LoadProblem(path, None, None, "", "nesting too deep", "ไฟล์ซ้อนโครงสร้างลึกเกินกำหนด")]
        ) from None


def _parse(text: str, path: str) -> Instrument:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InstrumentLoadError(
            [
                LoadProblem(
                    path=path,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                    location="",
                    message_en=f"YAML syntax error: {getattr(exc, 'problem', None) or exc}",
                    message_th="ไฟล์ YAML มีรูปแบบไม่ถูกต้อง",
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise InstrumentLoadError(
            [
                LoadProblem(
                    path, 1, 1, "", "the file must be a YAML mapping", "ไฟล์ต้องเป็น mapping ของ YAML"
                )
            ]
        )
    try:
        instrument = Instrument.model_validate(data)
    except ValidationError as exc:
        # Compose the node graph only now (it costs as much as the parse) to name lines.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raise InstrumentLoadError(_problems_from_validation(path, root, exc)) from None
    try:
        # Free-form values (a condition's ``eq``) must be plain data, or the version hash fails.
        canonical_json(instrument)
    except (TypeError, ValueError) as exc:
        raise InstrumentLoadError(
            [
                LoadProblem(
                    path,
                    None,
                    None,
                    "",
                    f"values must be text, numbers, true/false or lists of them: {exc}",
                    "ค่าในไฟล์ต้องเป็นข้อความ ตัวเลข จริง/เท็จ หรือรายการของค่าเหล่านี้",
                )
            ]
        ) from None
    return instrument


def load_instrument(path: str | Path) -> Instrument:
    """Read and validate one instrument file."""
    file_path = Path(path)
    try:
        size = file_path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InstrumentLoadError(
                [
                    LoadProblem(
                        str(file_path),
                        None,
                        None,
                        "",
                        f"file too large ({size} bytes > {MAX_FILE_BYTES})",
                        "ไฟล์มีขนาดใหญ่เกินกำหนด",
                    )
                ]
            )
        text = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentLoadError(
            [LoadProblem(str(file_path), None, None, "", f"cannot read: {exc}", "อ่านไฟล์ไม่ได้")]
        ) from None
    return parse_instrument(text, str(file_path))


def library_files(root: Path = LIBRARY_DIR) -> Iterator[Path]:
    """Every instrument YAML under the library folder, in a stable order."""
    yield from sorted(p for p in root.rglob("*.yaml") if p.is_file())
    yield from sorted(p for p in root.rglob("*.yml") if p.is_file())
