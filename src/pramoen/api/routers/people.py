"""People (staff records, ESA staff only, scoped as /orgs/people/). A national ID is given in full
only to the staff of the person's own ESA (as the person page shows it); lists and everyone else
get it masked."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from pramoen.api.auth import auth
from pramoen.api.errors import error_responses
from pramoen.api.pagination import MAX_ID, NO_NUL, Mapped, Pages
from pramoen.api.permissions import require_perm
from pramoen.orgs import selectors
from pramoen.orgs.models import Person

router = Router(tags=["people"], auth=auth())


class PersonOut(Schema):
    id: int
    prefix: str
    first_name: str
    last_name: str
    position: str
    academic_standing: str
    organization_id: int
    organization_name: str
    position_started_on: date | None
    organization_started_on: date | None
    national_id: str = Field(description="เลข 13 หลักเต็มเฉพาะเจ้าหน้าที่ของเขตต้นสังกัดเอง นอกนั้นปิดบางส่วน")


class PersonFilters(Schema):
    q: str = Field("", max_length=100, pattern=NO_NUL, description="ชื่อ-นามสกุล (มีหรือไม่มีคำนำหน้า)")
    position: str = Field("", max_length=24, pattern=NO_NUL)
    organization_id: int | None = Field(None, ge=1, le=MAX_ID)


def _person_out(person: Person, *, full_id: bool) -> dict[str, Any]:
    return {
        "id": person.pk,
        "prefix": person.prefix,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "position": person.position,
        "academic_standing": person.academic_standing,
        "organization_id": person.organization_id,
        "organization_name": person.organization.name_th,
        "position_started_on": person.position_started_on,
        "organization_started_on": person.organization_started_on,
        "national_id": person.national_id if full_id else person.national_id_masked,
    }


def _own_esa_staff(esa_ids: list[int] | None, person: Person) -> bool:
    organization = person.organization
    esa_id = organization.pk if organization.is_esa else organization.parent_id
    return esa_ids is not None and esa_id in esa_ids


@router.get("", response={200: list[PersonOut], **error_responses()}, url_name="person_list")
@paginate(Pages)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> Any:
    user = require_perm(request, "pramoen.manage_master_data")
    people = selectors.person_list(
        esa_ids=selectors.staff_esa_ids(user),
        search=filters.q,
        position=filters.position,
        organization_id=filters.organization_id,
    )
    return Mapped(people, lambda p: _person_out(p, full_id=False))


@router.get(
    "/{person_id}", response={200: PersonOut, **error_responses()}, url_name="person_detail"
)
def person_detail(request: HttpRequest, person_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = require_perm(request, "pramoen.manage_master_data")
    esa_ids = selectors.staff_esa_ids(user)
    person = get_object_or_404(selectors.person_list(esa_ids=esa_ids), pk=person_id)
    return _person_out(person, full_id=_own_esa_staff(esa_ids, person))
