"""Convert office documents with Debian's LibreOffice in headless mode (pure Python, no Django).

Every conversion runs ``soffice`` with its own throw-away user profile
(``-env:UserInstallation=file:///tmp/...``): LibreOffice refuses to run two instances on one
profile, and a shared profile would make concurrent conversions (two web workers, two tests)
block or fail silently. The process runs in its own session so that a timeout kills the whole
tree (``soffice`` forks ``soffice.bin``), not just the launcher script.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "OfficeConversionError",
    "OfficeNotFoundError",
    "OfficeTimeoutError",
    "convert_docx_to_pdf",
    "convert_with_soffice",
    "find_soffice",
]

DEFAULT_TIMEOUT_SECONDS = 120.0
# Lets a deployment point at a LibreOffice outside PATH (e.g. /opt/libreoffice/program/soffice).
SOFFICE_ENV_VAR = "PRAMOEN_SOFFICE"
_PDF_MAGIC = b"%PDF-"


class OfficeConversionError(RuntimeError):
    """LibreOffice could not convert the document; the message is Thai, then English."""


class OfficeNotFoundError(OfficeConversionError):
    """No ``soffice`` executable was found."""


class OfficeTimeoutError(OfficeConversionError):
    """``soffice`` did not finish within the time limit and was killed."""


def find_soffice(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the ``soffice`` executable: *explicit*, else ``$PRAMOEN_SOFFICE``, else PATH."""
    candidate = explicit or os.environ.get(SOFFICE_ENV_VAR) or shutil.which("soffice")
    if candidate:
        path = Path(candidate)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        where = str(path)
    else:
        where = "PATH"
    raise OfficeNotFoundError(
        f"ไม่พบโปรแกรม LibreOffice (soffice) ที่ {where} — ติดตั้งแพ็กเกจ libreoffice-writer "
        f"หรือกำหนดตัวแปร {SOFFICE_ENV_VAR} / "
        f"LibreOffice (soffice) not found at {where}: install libreoffice-writer "
        f"or set {SOFFICE_ENV_VAR}"
    )


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    # start_new_session=True made the child a process-group leader, so its pid is the pgid.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def convert_with_soffice(
    source: bytes | str | os.PathLike[str],
    *,
    target_format: str = "pdf",
    input_suffix: str = ".docx",
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    soffice: str | os.PathLike[str] | None = None,
) -> bytes:
    """Convert *source* (a file path or the file's bytes) and return the converted bytes.

    *target_format* is LibreOffice's ``--convert-to`` argument (``pdf``, ``docx``, ``xlsx`` …);
    *input_suffix* names the temporary input file when *source* is bytes, because LibreOffice
    picks the import filter from the extension.
    """
    executable = find_soffice(soffice)
    with tempfile.TemporaryDirectory(prefix="pramoen-soffice-") as workdir:
        work = Path(workdir)
        if isinstance(source, bytes):
            input_path = work / f"input{input_suffix}"
            input_path.write_bytes(source)
        else:
            original = Path(source)
            if not original.is_file():
                raise OfficeConversionError(
                    f"ไม่พบไฟล์ต้นฉบับ {original} / source file not found: {original}"
                )
            # Copy so the output name is predictable and nothing is written beside the original.
            input_path = work / f"input{original.suffix or input_suffix}"
            shutil.copyfile(original, input_path)
        out_dir = work / "out"
        out_dir.mkdir()
        profile = work / "profile"
        command = [
            str(executable),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target_format,
            "--outdir",
            str(out_dir),
            str(input_path),
        ]
        env = dict(os.environ, HOME=str(work))
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=work,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(process)
            raise OfficeTimeoutError(
                f"LibreOffice แปลงไฟล์ไม่เสร็จภายใน {timeout:g} วินาที จึงหยุดการทำงาน / "
                f"LibreOffice did not finish within {timeout:g} s and was killed"
            ) from None
        finally:
            # soffice.bin may outlive a launcher that exited; never leave it running.
            if process.returncode is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)
        extension = target_format.split(":", 1)[0]
        output_path = out_dir / f"{input_path.stem}.{extension}"
        if process.returncode != 0 or not output_path.is_file():
            detail = (stderr or stdout).decode("utf-8", "replace").strip()[-500:]
            raise OfficeConversionError(
                f"LibreOffice แปลงไฟล์ไม่สำเร็จ (รหัส {process.returncode}) / "
                f"LibreOffice conversion failed (exit {process.returncode}): {detail}"
            )
        return output_path.read_bytes()


def convert_docx_to_pdf(
    source: bytes | str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    soffice: str | os.PathLike[str] | None = None,
) -> bytes:
    """Convert a .docx (path or bytes) to PDF bytes with LibreOffice headless."""
    pdf = convert_with_soffice(
        source, target_format="pdf", input_suffix=".docx", timeout=timeout, soffice=soffice
    )
    if not pdf.startswith(_PDF_MAGIC):
        raise OfficeConversionError(
            "LibreOffice ไม่ได้สร้างไฟล์ PDF ที่ถูกต้อง / LibreOffice did not produce a PDF"
        )
    return pdf
