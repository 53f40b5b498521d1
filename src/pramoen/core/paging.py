"""One page of a list (every list paginates, issue 12): the page and the query string of the
other parameters (filters, search) for the page links in ``includes/pagination.html``."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(
    request: HttpRequest, items: Any, *, size: int | None = None, param: str = "page"
) -> tuple[Page, str]:
    """``items`` (a queryset, counted with one query) cut to the page ``?<param>=`` asks for;
    an unknown or too large page number gives the last page, never an error. ``param`` tells
    two lists of one page apart."""
    if isinstance(items, QuerySet) and items._iterable_class is ModelIterable:
        # Sort and cut the ids only, then read the page's rows: a sort over every row of a big
        # list (wide rows with their joined columns) costs ten times a sort of narrow ids.
        page = Paginator(items.values_list("pk", flat=True), size or PAGE_SIZE).get_page(
            request.GET.get(param)
        )
        ids = list(page.object_list)
        rows = {row.pk: row for row in items.filter(pk__in=ids)}
        page.object_list = [rows[pk] for pk in ids if pk in rows]
    else:
        page = Paginator(items, size or PAGE_SIZE).get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]  # read by includes/pagination.html
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()
