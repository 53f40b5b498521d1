"""School and person imports: upload → batch (checked: a preview) → status → row errors → commit.

The same ``orgs.imports.batches`` service as the upload page, with the same size cap and the same
rule that a batch is seen by its uploader (and system administrators) only.
"""

from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Path, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from pramoen.accounts.enums import ApiScope
from pramoen.api.auth import auth
from pramoen.api.errors import ApiError, error_responses
from pramoen.api.pagination import MAX_ID, Pages
from pramoen.api.permissions import require_perm
from pramoen.core.types import User
from pramoen.orgs import selectors
from pramoen.orgs.enums import ImportStatus
from pramoen.orgs.imports import batches
from pramoen.orgs.models import ImportBatch

router = Router(tags=["imports"], auth=auth())


class CountOut(Schema):
    label: str
    value: int


class ImportOut(Schema):
    id: int
    kind: str
    status: Literal["checking", "committing", "previewed", "rejected", "committed"]
    status_label_th: str
    finished: bool
    filename: str
    created_at: datetime
    committed_at: datetime | None
    total_rows: int
    progress_done: int
    progress_total: int
    errors_total: int
    change_count: int
    file_errors: list[str]


class RowErrorOut(Schema):
    line: int | None
    column: str
    value: str
    message: str


def _import_out(batch: ImportBatch) -> dict[str, Any]:
    report = batches.batch_report(batch)
    return {
        "id": batch.pk,
        "kind": batch.kind,
        "status": batch.status,
        "status_label_th": str(batch.get_status_display()),
        "finished": batch.status not in {ImportStatus.CHECKING, ImportStatus.COMMITTING},
        "filename": batch.filename,
        "created_at": batch.created_at,
        "committed_at": batch.committed_at,
        "total_rows": batch.total_rows,
        "progress_done": batch.progress_done,
        "progress_total": batch.progress_total,
        "errors_total": int(report["errors_total"]),
        "change_count": int(report["change_count"]),
        "file_errors": [str(e) for e in report["file_errors"]],
    }


def _own_batch(user: User, batch_id: int) -> ImportBatch:
    # As the page's _own_batch: another uploader's batch is "not found".
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    if batch.uploaded_by_id != user.pk and selectors.staff_esa_ids(user) is not None:
        raise Http404
    return batch


@router.post(
    "",
    response={201: ImportOut, **error_responses(), 413: error_responses()[422]},
    auth=auth(ApiScope.WRITE_IMPORTS),
    url_name="import_list",
)
def import_start(
    request: HttpRequest,
    kind: Form[Literal["schools", "people", "onet"]],
    file: File[UploadedFile],
) -> Any:
    """Upload a .csv or .xlsx file; it is checked at once (small files) or off the request —
    poll ``GET /imports/{id}`` until ``finished``; then ``POST /imports/{id}/commit``."""
    user = require_perm(request, "pramoen.manage_master_data")
    if (file.size or 0) > batches.WEB_IMPORT_MAX_BYTES:
        raise ApiError(
            413,
            f"ไฟล์มีขนาด {(file.size or 0) / 1048576:.1f} MB เกินขนาดสูงสุด "
            f"{batches.WEB_IMPORT_MAX_BYTES / 1048576:.0f} MB กรุณาแบ่งไฟล์",
        )
    batch = batches.batch_start(
        kind=kind, filename=file.name or "upload", data=file.read(), actor=user
    )
    return Status(201, _import_out(batch))


@router.get("/{batch_id}", response={200: ImportOut, **error_responses()}, url_name="import_detail")
def import_detail(request: HttpRequest, batch_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = require_perm(request, "pramoen.manage_master_data")
    return _import_out(_own_batch(user, batch_id))


@router.get(
    "/{batch_id}/errors",
    response={200: list[RowErrorOut], **error_responses()},
    url_name="import_errors",
)
@paginate(Pages)
def import_errors(request: HttpRequest, batch_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """The row errors kept with the batch (line numbers as in the file; header = line 1)."""
    user = require_perm(request, "pramoen.manage_master_data")
    batch = _own_batch(user, batch_id)
    rows = [
        {
            "line": e.get("line"),
            "column": str(e.get("column") or ""),
            "value": str(e.get("value") or ""),
            "message": str(e.get("message") or ""),
        }
        for e in batch.errors
    ]
    return rows


@router.post(
    "/{batch_id}/commit",
    response={200: ImportOut, **error_responses()},
    auth=auth(ApiScope.WRITE_IMPORTS),
    url_name="import_commit",
)
def import_commit(request: HttpRequest, batch_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Import a checked batch (``status`` = ``previewed``); the file is checked again in full."""
    user = require_perm(request, "pramoen.manage_master_data")
    batch = _own_batch(user, batch_id)
    if batch.status != ImportStatus.PREVIEWED:
        raise ApiError(422, "นำเข้าไฟล์นี้ไม่ได้ (ยังมีข้อผิดพลาดหรือถูกนำเข้าไปแล้ว)")
    batches.batch_commit(batch=batch, actor=user)
    batch.refresh_from_db()
    return _import_out(batch)
