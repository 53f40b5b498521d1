"""Cheap byte-level scan done before pdfium parses anything.

It checks the magic bytes, looks for HTML riding along (PDF/HTML polyglots), for a
missing end marker (truncation), inflates every Flate stream under an output budget
(deflate bombs are stopped here, before pdfium allocates for them) and looks for the
names of dangerous features — /JavaScript, /Launch, /OpenAction, /EmbeddedFile,
/Encrypt — in the object dictionaries, including those compressed in object streams.
Stream bodies (fonts, images) are left out of the name scan: random binary would
sooner or later spell "/JS".
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from .findings import ERROR, WARNING, Finding

PDF_MAGIC = b"%PDF-"
# Acrobat and pdfium accept a header anywhere in the first 1024 bytes; that slack is
# what lets a file be HTML and PDF at once.
HEADER_SLACK = 1024
MAX_STREAM_INFLATE = 200 * 1024 * 1024
# Deflate tops out near 1032:1, reached only by pure repetition. Past 64 MB of output
# a stream still inflating at over 1000:1 is a bomb (or a blank 600 dpi page image,
# which no portfolio needs): stopping there keeps the check well inside its 5 s.
BOMB_EARLY_BYTES = 64 * 1024 * 1024
BOMB_RATIO = 1000
MAX_TOTAL_INFLATE = 400 * 1024 * 1024
MAX_OBJSTM_KEEP = 32 * 1024 * 1024
MAX_FILTER_LAYERS = 4
_CHUNK = 16 * 1024 * 1024

_STREAM_RE = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_HTML_RE = re.compile(
    rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|iframe[\s>]|svg[\s>]|meta\s)",
    re.IGNORECASE,
)
_NAME_RE = re.compile(rb"/([A-Za-z0-9#]{2,40})")
_HEX_RE = re.compile(rb"#([0-9A-Fa-f]{2})")
_REF_RE = re.compile(rb"\s*(\d+)\s+(\d+)\s+R")

_JS_NAMES = {b"JavaScript", b"JS"}
_LAUNCH_NAMES = {b"Launch"}
_EMBED_NAMES = {b"EmbeddedFile", b"EmbeddedFiles", b"FileAttachment", b"RichMedia"}
_FORM_NAMES = {b"XFA", b"SubmitForm", b"ImportData"}

_KNOWN_TYPES = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP/Word/Excel (.docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "Word/Excel 97-2003 (.doc/.xls)"),
    (b"{\\rtf", "RTF"),
)


@dataclass
class RawScan:
    findings: list[Finding] = field(default_factory=list)
    fatal: bool = False
    has_type3: bool = False
    inflated_bytes: int = 0


def _describe(head: bytes) -> str:
    for magic, name in _KNOWN_TYPES:
        if head.startswith(magic):
            return name
    if _HTML_RE.search(head[:HEADER_SLACK]) or head.lstrip()[:1] == b"<":
        return "HTML/XML"
    return ""


def check_magic(head: bytes) -> Finding | None:
    """A finding when the first bytes are not a PDF header, else None."""
    if head.startswith(PDF_MAGIC):
        return None
    if PDF_MAGIC in head[:HEADER_SLACK]:
        return Finding(
            code="polyglot",
            severity=ERROR,
            message=(
                "ไฟล์มีข้อมูลอื่น (เช่น HTML) อยู่ก่อนส่วนหัว PDF — เป็นไฟล์ที่แฝงได้หลายรูปแบบ"
                " (polyglot) ซึ่งอาจเป็นอันตราย ระบบไม่รับไฟล์นี้ กรุณาบันทึกเป็น PDF ใหม่จากโปรแกรมต้นฉบับ"
            ),
            message_en=(
                "Data (e.g. HTML) precedes the PDF header: a polyglot file, rejected. "
                "Export the PDF again from the original program."
            ),
        )
    kind = _describe(head)
    hint_th = f" (ดูเหมือนเป็นไฟล์ {kind})" if kind else ""
    hint_en = f" (it looks like {kind})" if kind else ""
    return Finding(
        code="not_pdf",
        severity=ERROR,
        message=(
            f"ไฟล์นี้ไม่ใช่ PDF{hint_th} — กรุณาบันทึก (Save as / Export) เป็น PDF แล้วอัปโหลดใหม่"
            " การเปลี่ยนนามสกุลไฟล์เป็น .pdf อย่างเดียวใช้ไม่ได้"
        ),
        message_en=f"This is not a PDF file{hint_en}. Save or export it as PDF and upload again.",
        details={"detected": kind} if kind else {},
    )


def _inflate(body: bytes, budget: int, keep: bool) -> tuple[int, bytes, bool]:
    """Inflate with an output budget: (bytes out, kept output, over budget)."""
    d = zlib.decompressobj()
    total = 0
    kept: list[bytes] = []
    kept_len = 0
    try:
        chunk = d.decompress(body, _CHUNK)
        while True:
            total += len(chunk)
            if keep and kept_len < MAX_OBJSTM_KEEP:
                kept.append(chunk)
                kept_len += len(chunk)
            if total > budget:
                return total, b"", True
            if total > BOMB_EARLY_BYTES and total > BOMB_RATIO * (
                len(body) - len(d.unconsumed_tail)
            ):
                return total, b"", True
            tail = d.unconsumed_tail
            # After the end of the zlib stream the trailing bytes stay in the tail
            # forever; an empty chunk means no progress either. Both end the loop.
            if d.eof or not tail or not chunk:
                break
            chunk = d.decompress(tail, _CHUNK)
    except zlib.error:
        pass
    return total, b"".join(kept), False


def _split_streams(data: bytes, scan: RawScan) -> tuple[bytes, bytes]:
    """(text outside stream bodies, inflated object-stream text); flags bombs on scan."""
    outside: list[bytes] = []
    objstm: list[bytes] = []
    pos = 0
    total = 0
    while True:
        m = _STREAM_RE.search(data, pos)
        if m is None:
            outside.append(data[pos:])
            break
        outside.append(data[pos : m.start()])
        obj_at = data.rfind(b"obj", max(pos, m.start() - 4096), m.start())
        head = data[obj_at if obj_at >= 0 else max(pos, m.start() - 4096) : m.start()]
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        if b"Fl" in head:
            is_objstm = b"/ObjStm" in head
            budget = min(MAX_STREAM_INFLATE, MAX_TOTAL_INFLATE - total)
            # A filter chain (/FlateDecode twice or more) hides a bomb in the inner layer, whose
            # compressed form looks harmless: inflate each layer in turn, within one budget.
            layers = min(max(1, head.count(b"/Fl")), MAX_FILTER_LAYERS)
            size, kept, over = _inflate(data[start:end], budget, keep=is_objstm or layers > 1)
            for _ in range(layers - 1):
                if over or not kept:
                    break
                inner, kept, over = _inflate(kept, budget - size, keep=is_objstm)
                size += inner
            total += size
            if over:
                scan.inflated_bytes = total
                scan.fatal = True
                scan.findings.append(
                    Finding(
                        code="deflate_bomb",
                        severity=ERROR,
                        message=(
                            "ไฟล์มีข้อมูลบีบอัดที่ขยายตัวผิดปกติ (เกิน "
                            f"{size // (1024 * 1024)} MB จากข้อมูล {(end - start) // 1024} KB)"
                            " ลักษณะเป็นระเบิดข้อมูล (deflate bomb) ระบบไม่รับไฟล์นี้"
                        ),
                        message_en=(
                            f"A compressed stream of {(end - start) // 1024} KB inflates beyond "
                            f"{size // (1024 * 1024)} MB: a deflate bomb, rejected."
                        ),
                        details={"compressed_bytes": end - start},
                    )
                )
                return b"", b""
            if is_objstm and kept:
                objstm.append(kept)
        pos = end + len(b"endstream") if end < len(data) else len(data)
    scan.inflated_bytes = total
    return b"".join(outside), b"\n".join(objstm)


def _names(text: bytes) -> set[bytes]:
    found: set[bytes] = set()
    for raw in _NAME_RE.findall(text):
        if b"#" in raw:
            raw = _HEX_RE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
        found.add(raw)
    return found


def _open_action_is_harmless(text: bytes) -> bool | None:
    """True for a plain destination or GoTo; False for another action; None if unresolved."""
    verdicts: list[bool | None] = []
    for m in re.finditer(rb"/OpenAction", text):
        after = text[m.end() : m.end() + 600].lstrip()
        ref = _REF_RE.match(text, m.end())
        if ref:
            obj = re.search(rb"(?<!\d)" + ref.group(1) + rb"\s+" + ref.group(2) + rb"\s+obj", text)
            if obj is None:
                verdicts.append(None)
                continue
            after = text[obj.end() : obj.end() + 600].lstrip()
        if after.startswith(b"["):
            verdicts.append(True)
        elif after.startswith(b"<<"):
            body = after.split(b">>", 1)[0]
            verdicts.append(bool(re.search(rb"/S\s*/GoTo(?![A-Za-z])", body)))
        else:
            verdicts.append(None)
    if not verdicts:
        return True
    if any(v is False for v in verdicts):
        return False
    if any(v is None for v in verdicts):
        return None
    return True


def scan_bytes(data: bytes) -> RawScan:
    scan = RawScan()
    magic = check_magic(data[:HEADER_SLACK])
    if magic is not None:
        scan.findings.append(magic)
        scan.fatal = True
        return scan

    last_eof = data.rfind(b"%%EOF")
    if last_eof < 0 or b"startxref" not in data[-65536:]:
        scan.findings.append(
            Finding(
                code="truncated",
                severity=ERROR,
                message=(
                    "ไฟล์ PDF ไม่สมบูรณ์ (ไม่พบส่วนท้ายไฟล์) — อาจอัปโหลดไม่ครบหรือไฟล์เสีย"
                    " กรุณาบันทึกเป็น PDF ใหม่แล้วอัปโหลดอีกครั้ง"
                ),
                message_en="The PDF is incomplete (no end-of-file marker): truncated or damaged.",
            )
        )
        trailing = b""
    else:
        trailing = data[last_eof + 5 :]
    if _HTML_RE.search(data[:HEADER_SLACK]) or _HTML_RE.search(trailing):
        scan.findings.append(
            Finding(
                code="polyglot",
                severity=ERROR,
                message=(
                    "ไฟล์มีโค้ด HTML แฝงอยู่ที่ส่วนหัวหรือท้ายไฟล์ PDF (polyglot) ซึ่งอาจเป็นอันตราย"
                    " ระบบไม่รับไฟล์นี้ กรุณาบันทึกเป็น PDF ใหม่จากโปรแกรมต้นฉบับ"
                ),
                message_en="HTML hidden in the PDF header or after its end (polyglot): rejected.",
            )
        )
    elif len(trailing.strip()) > HEADER_SLACK:
        scan.findings.append(
            Finding(
                code="trailing_data",
                severity=ERROR,
                message=(
                    f"มีข้อมูลแปลกปลอม {len(trailing) // 1024} KB ต่อท้ายไฟล์ PDF"
                    " กรุณาบันทึกเป็น PDF ใหม่จากโปรแกรมต้นฉบับ"
                ),
                message_en=f"{len(trailing) // 1024} KB of foreign data follow the end of the PDF.",
            )
        )

    outside, objstm = _split_streams(data, scan)
    if scan.fatal:
        return scan
    text = outside + b"\n" + objstm
    names = _names(text)
    scan.has_type3 = b"Type3" in names

    if b"Encrypt" in names:
        scan.fatal = True
        scan.findings.append(encrypted_finding())
    if names & _JS_NAMES:
        scan.findings.append(
            Finding(
                code="javascript",
                severity=ERROR,
                message="ไฟล์มีสคริปต์ JavaScript ฝังอยู่ ซึ่งอาจเป็นอันตราย ระบบไม่รับไฟล์นี้",
                message_en="The file contains JavaScript: rejected.",
            )
        )
    if names & _LAUNCH_NAMES:
        scan.findings.append(launch_finding([]))
    if names & _EMBED_NAMES:
        scan.findings.append(embedded_finding([]))
    if names & _FORM_NAMES:
        scan.findings.append(
            Finding(
                code="active_form",
                severity=ERROR,
                message="ไฟล์มีแบบฟอร์มที่ส่งหรือนำเข้าข้อมูลได้ (XFA/SubmitForm) ระบบไม่รับไฟล์นี้",
                message_en="The file contains an active form (XFA/SubmitForm/ImportData).",
            )
        )
    if b"OpenAction" in names:
        verdict = _open_action_is_harmless(text)
        if verdict is not True:
            scan.findings.append(
                Finding(
                    code="open_action",
                    severity=ERROR if verdict is False else WARNING,
                    message=(
                        "ไฟล์สั่งให้ทำงานบางอย่างโดยอัตโนมัติเมื่อเปิด (OpenAction)"
                        " กรุณาบันทึกเป็น PDF ใหม่โดยไม่มีคำสั่งนี้"
                    ),
                    message_en="The file runs an action when opened (OpenAction).",
                )
            )
    if b"AA" in names:
        scan.findings.append(
            Finding(
                code="additional_actions",
                severity=WARNING,
                message="ไฟล์มีคำสั่งที่ทำงานเมื่อเปิดหน้าหรือคลิก (Additional Actions)",
                message_en="The file has additional actions triggered by page or field events.",
            )
        )
    return scan


def encrypted_finding() -> Finding:
    return Finding(
        code="encrypted",
        severity=ERROR,
        message=(
            "ไฟล์ถูกเข้ารหัสหรือตั้งรหัสผ่านไว้ ระบบตรวจไม่ได้และกรรมการเปิดไม่ได้"
            " กรุณาบันทึกเป็น PDF ใหม่โดยไม่ตั้งรหัสผ่านหรือการป้องกัน"
        ),
        message_en="The file is encrypted or password-protected. Save it again without protection.",
    )


def launch_finding(pages: list[int]) -> Finding:
    return Finding(
        code="launch_action",
        severity=ERROR,
        message="ไฟล์มีคำสั่งเปิดโปรแกรมหรือไฟล์อื่น (Launch) ซึ่งอาจเป็นอันตราย ระบบไม่รับไฟล์นี้",
        message_en="The file contains a Launch action (runs another program or file).",
        pages=pages,
    )


def embedded_finding(pages: list[int]) -> Finding:
    return Finding(
        code="embedded_file",
        severity=ERROR,
        message=(
            "ไฟล์มีไฟล์อื่นแนบหรือฝังอยู่ภายใน ระบบไม่รับไฟล์นี้ กรุณาแนบหลักฐานเป็นหน้าในแฟ้มหรืออัปโหลดแยกในช่องหลักฐาน"
        ),
        message_en="The file carries embedded or attached files.",
        pages=pages,
    )
