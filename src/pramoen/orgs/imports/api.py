"""Entry points used by the CLI, the web views, the demo generator and the benchmark."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pramoen.core.types import User
from pramoen.orgs.imports.engine import Progress, Report, run_import
from pramoen.orgs.imports.reading import (
    DEFAULT_MAX_BYTES,
    ImportFileError,
    Table,
    TableStream,
    open_table_isolated,
    read_table,
    read_table_isolated,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ImportFileError",
    "Report",
    "Table",
    "TableStream",
    "import_file",
    "import_table",
    "open_table_isolated",
    "read_table",
    "read_table_isolated",
]


def import_table(
    kind: str,
    table: Table | TableStream,
    *,
    commit: bool,
    actor: User | None = None,
    source_name: str = "",
    progress: Progress | None = None,
    allowed_esa_ids: Collection[int] | None = None,
) -> Report:
    """``allowed_esa_ids``: the ESAs the actor may change (None = all, as on the CLI)."""
    from pramoen.orgs.imports.importers import IMPORTERS

    return run_import(
        IMPORTERS[kind](allowed_esa_ids=allowed_esa_ids),
        table,
        commit=commit,
        actor=actor,
        source_name=source_name,
        progress=progress,
    )


def import_file(
    kind: str,
    path: str | Path,
    *,
    commit: bool,
    actor: User | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    source_name: str = "",
    allowed_esa_ids: Collection[int] | None = None,
) -> Report:
    """Read ``path`` in a sandboxed child process, streaming its rows into a preview or a
    commit (``source_name``: the name shown in the audit log, default the file's name).

    A file that cannot be read at all comes back as a report with ``file_errors``.
    """
    try:
        with open_table_isolated(path, max_bytes=max_bytes) as stream:
            return import_table(
                kind,
                stream,
                commit=commit,
                actor=actor,
                source_name=source_name or Path(path).name,
                progress=progress,
                allowed_esa_ids=allowed_esa_ids,
            )
    except ImportFileError as exc:
        report = Report(kind=kind)
        report.file_errors.append(exc.message)
        return report
