"""Every list is paginated: ``?page=1&page_size=50`` → ``{items, count, page, page_size}``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 200


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000, description="หน้าที่ (เริ่มที่ 1)")
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="จำนวนรายการต่อหน้า")

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        start = (pagination.page - 1) * pagination.page_size
        return {
            "items": list(queryset[start : start + pagination.page_size]),
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }


class Mapped:
    """A queryset whose page is converted row by row only after slicing (one query per page)."""

    def __init__(self, queryset: QuerySet[Any], convert: Callable[[Any], Any]) -> None:
        self.queryset = queryset
        self.convert = convert

    def all(self) -> QuerySet[Any]:
        return self.queryset.all()

    def __getitem__(self, item: slice) -> list[Any]:
        return [self.convert(row) for row in self.queryset[item]]


# Ids in paths and queries: positive and within a 64-bit column (a larger number is a Thai 422,
# never an overflow in the database).
MAX_ID = 2**53
# Text in queries: no NUL (PostgreSQL refuses it in a string, which would be a server error).
NO_NUL = r"^[^\x00]*$"
