"""Every error the API answers is JSON with a Thai ``detail`` (and, for bad input, the fields).

Validation errors are 422, a missing sign-in 401, a missing permission or scope 403, an object
outside the caller's reach 404 (its existence is not told), a throttle 429. An unexpected error is
logged and answered in Thai; the schemathesis test holds the API to none of those.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

NOT_SIGNED_IN = "กรุณาเข้าสู่ระบบ หรือส่งโทเค็น API ในส่วนหัว Authorization: Bearer <โทเค็น>"
FORBIDDEN = "ท่านไม่มีสิทธิ์ใช้งานรายการนี้"
NOT_FOUND = "ไม่พบข้อมูลที่ขอ หรือข้อมูลนี้ไม่อยู่ในขอบเขตที่ท่านดูได้"
INVALID = "ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาตรวจสอบรายการที่ระบุ"
THROTTLED = "มีการเรียกใช้มากเกินไป กรุณารอ {seconds} วินาทีแล้วลองใหม่"
SERVER = "ระบบขัดข้อง ไม่มีการบันทึกข้อมูลใด ๆ กรุณาลองใหม่หรือแจ้งผู้ดูแลระบบ"
CSRF = "การส่งข้อมูลด้วยการเข้าสู่ระบบบนเว็บต้องมีรหัส CSRF (ส่วนหัว X-CSRFToken)"

BY_STATUS = {
    400: INVALID,
    401: NOT_SIGNED_IN,
    403: FORBIDDEN,
    404: NOT_FOUND,
    405: "ไม่รองรับวิธีเรียกนี้",
    413: "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป",
    422: INVALID,
}

# Pydantic error types → what a person is told (the field is named beside it, in ``loc``).
FIELD_MESSAGES = {
    "missing": "ต้องระบุ",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "float_parsing": "ต้องเป็นตัวเลข",
    "decimal_parsing": "ต้องเป็นตัวเลข",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "string_type": "ต้องเป็นข้อความ",
    "string_too_long": "ยาวเกินกำหนด",
    "string_too_short": "สั้นเกินไป",
    "string_pattern_mismatch": "มีอักขระหรือรูปแบบที่รับไม่ได้",
    "greater_than_equal": "น้อยกว่าค่าต่ำสุดที่รับได้",
    "less_than_equal": "มากกว่าค่าสูงสุดที่รับได้",
    "greater_than": "น้อยกว่าค่าต่ำสุดที่รับได้",
    "less_than": "มากกว่าค่าสูงสุดที่รับได้",
    "literal_error": "ไม่ใช่ค่าที่รับได้",
    "enum": "ไม่ใช่ค่าที่รับได้",
    "dict_type": "ต้องเป็นออบเจกต์ JSON",
    "list_type": "ต้องเป็นรายการ",
    "json_invalid": "ไม่ใช่ JSON ที่ถูกต้อง",
    "model_attributes_type": "ต้องเป็นออบเจกต์ JSON",
    "date_from_datetime_parsing": "ต้องเป็นวันที่แบบ ISO (ค.ศ.) เช่น 2026-01-31",
    "date_parsing": "ต้องเป็นวันที่แบบ ISO (ค.ศ.) เช่น 2026-01-31",
}


class FieldError(Schema):
    loc: list[str | int]
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class ApiError(Exception):
    """An error answered as ``{"detail": message}`` with ``status``."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        *,
        retry_after: int | None = None,
    ) -> None:
        self.status = status
        self.message = message
        self.errors = errors or []
        self.retry_after = retry_after
        super().__init__(message)


def error_responses() -> dict[int, type[ErrorOut]]:
    """The error statuses every operation may answer (the schema says so, schemathesis checks)."""
    return {code: ErrorOut for code in (401, 403, 404, 422, 429)}


def _field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for error in errors:
        loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        message = FIELD_MESSAGES.get(str(error.get("type", "")), "ค่าไม่ถูกต้อง")
        out.append({"loc": loc, "message": message})
    return out


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, detail: str, errors=None) -> HttpResponse:
        return api.create_response(
            request, {"detail": detail, "errors": errors or []}, status=status
        )

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        response = respond(request, exc.status, exc.message, exc.errors)
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(NinjaValidationError)
    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, 422, INVALID, _field_errors(list(exc.errors)))

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # A service's refusal: its messages are already Thai.
        errors: list[dict[str, Any]]
        if hasattr(exc, "error_dict"):
            errors = [
                {"loc": [name], "message": str(message)}
                for name, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"loc": [], "message": str(message)} for message in exc.messages]
        detail = " ".join(str(e["message"]) for e in errors) or INVALID
        return respond(request, 422, detail, errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, NOT_SIGNED_IN)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, FORBIDDEN)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, NOT_FOUND)

    @api.exception_handler(ObjectDoesNotExist)
    def no_object(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return respond(request, 404, NOT_FOUND)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = int(exc.wait or 60)
        return respond(request, 429, THROTTLED.format(seconds=wait))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 403 and "CSRF" in str(exc):
            return respond(request, 403, CSRF)
        if exc.status_code == 400:
            # A body that is not JSON (or not the form it should be): bad input, as every other.
            return respond(request, 422, "ข้อมูลที่ส่งมาไม่ใช่ JSON หรือแบบฟอร์มที่ถูกต้อง")
        return respond(request, exc.status_code, BY_STATUS.get(exc.status_code, INVALID))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error at %s %s", request.method, request.path)
        return respond(request, 500, SERVER)
