"""Organizations: ESAs (anyone signed in), schools with their size class and networks (ESA staff,
scoped to their ESAs exactly as the staff pages at /orgs/ are)."""

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from pramoen.api.auth import auth
from pramoen.api.errors import error_responses
from pramoen.api.pagination import MAX_ID, NO_NUL, Mapped, Pages
from pramoen.api.permissions import require_perm, user_of
from pramoen.orgs import selectors
from pramoen.orgs.models import Organization, SchoolNetwork
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES

router = Router(tags=["organizations"], auth=auth())

Scheme = Literal["nara2", "obec4", "obec7"]


class EsaOut(Schema):
    id: int
    code: str
    name_th: str
    name_en: str
    esa_level: str = Field(description="primary (สพป.) | secondary (สพม.) | ว่าง")
    esa_number: int | None


class SizeClassOut(Schema):
    scheme: str
    key: str
    label_th: str


class NetworkRef(Schema):
    id: int
    name: str


class SchoolOut(Schema):
    id: int
    code: str
    smis_code: str
    obec_code: str
    name_th: str
    name_en: str
    esa_id: int
    school_type: str
    levels: list[str]
    network: NetworkRef | None
    province: str
    district: str
    academic_year: int = Field(description="ปีการศึกษา (พ.ศ.) ของจำนวนนักเรียน")
    students: int | None
    size_class: SizeClassOut | None


class NetworkOut(Schema):
    id: int
    esa_id: int
    name: str


class SchoolFilters(Schema):
    q: str = Field("", max_length=100, pattern=NO_NUL, description="ชื่อ (ไทย/อังกฤษ) หรือรหัสโรงเรียน")
    school_type: Literal["", "primary", "extended", "secondary"] = ""
    network_id: int | None = Field(None, ge=1, le=MAX_ID)
    size_class: str = Field("", max_length=40, pattern=NO_NUL)
    scheme: Scheme = DEFAULT_SCHEME  # type: ignore[assignment]  # a Literal member
    year: int | None = Field(None, ge=2484, le=2643, description="ปีการศึกษา (พ.ศ.)")


def _school_out(school: Organization, *, year: int, scheme: str) -> dict[str, Any]:
    students = getattr(school, "students", None)
    size = SCHEMES[scheme].classify(students) if students is not None else None
    return {
        "id": school.pk,
        "code": school.code,
        "smis_code": school.smis_code,
        "obec_code": school.obec_code,
        "name_th": school.name_th,
        "name_en": school.name_en,
        "esa_id": school.parent_id,
        "school_type": school.school_type,
        "levels": school.level_list(),
        "network": (
            {"id": school.network.pk, "name": school.network.name} if school.network else None
        ),
        "province": school.province,
        "district": school.district,
        "academic_year": year,
        "students": students,
        "size_class": (
            {"scheme": scheme, "key": size.key, "label_th": str(size.label)} if size else None
        ),
    }


@router.get("/esas", response={200: list[EsaOut], **error_responses()}, url_name="esa_list")
@paginate(Pages)
def esa_list(request: HttpRequest) -> Any:
    return selectors.esa_list()


@router.get(
    "/schools", response={200: list[SchoolOut], **error_responses()}, url_name="school_list"
)
@paginate(Pages)
def school_list(request: HttpRequest, filters: Query[SchoolFilters]) -> Any:
    user = require_perm(request, "pramoen.manage_master_data")
    if filters.size_class and filters.size_class not in {
        c.key for c in SCHEMES[filters.scheme].classes
    }:
        return []
    year = filters.year or selectors.latest_enrollment_year()
    schools = selectors.school_list(
        esa_ids=selectors.staff_esa_ids(user),
        search=filters.q,
        school_type=filters.school_type,
        network_id=filters.network_id,
        size_class=filters.size_class,
        scheme=filters.scheme,
        year=year,
    )
    return Mapped(schools, lambda s: _school_out(s, year=year, scheme=filters.scheme))


@router.get(
    "/schools/{school_id}",
    response={200: SchoolOut, **error_responses()},
    url_name="school_detail",
)
def school_detail(
    request: HttpRequest,
    school_id: int = Path(..., ge=1, le=MAX_ID),
    scheme: Scheme = DEFAULT_SCHEME,  # type: ignore[assignment]
) -> Any:
    user = require_perm(request, "pramoen.manage_master_data")
    year = selectors.latest_enrollment_year()
    school = get_object_or_404(
        selectors.school_list(esa_ids=selectors.staff_esa_ids(user), year=year), pk=school_id
    )
    return _school_out(school, year=year, scheme=scheme)


@router.get(
    "/networks", response={200: list[NetworkOut], **error_responses()}, url_name="network_list"
)
@paginate(Pages)
def network_list(request: HttpRequest) -> Any:
    user = user_of(request)
    require_perm(request, "pramoen.manage_master_data")
    networks = SchoolNetwork.objects.order_by("name", "pk")
    esa_ids = selectors.staff_esa_ids(user)
    if esa_ids is not None:
        networks = networks.filter(esa_id__in=esa_ids)
    return networks
