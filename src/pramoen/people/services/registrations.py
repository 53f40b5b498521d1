"""Self-registration (issue 19): a teacher or a school asks for an account, matched to the
registry (a teacher by national ID and name, a school by its 10-digit code); ESA staff approve —
the account is made with the right role and a one-time link mailed — or reject with a reason,
which is mailed too."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.accounts.services import membership_grant, user_create
from pramoen.core import mail_kinds
from pramoen.core.mail import mail_queue
from pramoen.core.services import audit_record
from pramoen.orgs.models import Organization, Person
from pramoen.people.enums import RegistrationKind, RegistrationStatus
from pramoen.people.models import Registration
from pramoen.people.selectors import may_grant
from pramoen.people.services.accounts import invite_mail
from pramoen.people.services.batches import person_username


@transaction.atomic
def registration_create(
    *,
    kind: str,
    school: Organization,
    person: Person | None,
    name_prefix: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
) -> Registration:
    """A pending request (the form has matched it to the registry)."""
    if school.parent is None:
        raise ValidationError("สถานศึกษานี้ยังไม่ได้ผูกกับเขตพื้นที่ในทะเบียน กรุณาติดต่อเขตพื้นที่")
    registration = Registration.objects.create(
        kind=kind,
        esa=school.parent,
        school=school,
        person=person,
        name_prefix=name_prefix,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
    )
    audit_record(
        actor=None,
        action="registration.create",
        target=registration,
        after={"kind": kind, "school": school.pk, "person": getattr(person, "pk", None)},
    )
    return registration


def _pending(registration: Registration) -> Registration:
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != RegistrationStatus.PENDING:
        raise ValidationError("คำขอนี้ได้รับการตรวจแล้ว")
    return locked


@transaction.atomic
def registration_approve(*, actor: User, registration: Registration, site: str) -> User:
    """Make the account (a school: the school's code as user name; a teacher: linked to the
    registry by national ID), grant its role, mail the one-time link."""
    registration = _pending(registration)
    role = (
        Role.APPLICANT_SCHOOL
        if registration.kind == RegistrationKind.SCHOOL
        else Role.APPLICANT_PERSON
    )
    place = registration.school if registration.person is None else registration.person.organization
    if not may_grant(actor=actor, role=role, organization=place):
        raise ValidationError("คำขอนี้อยู่นอกเขตพื้นที่ของท่าน")
    if registration.person is not None:
        nid = registration.person.national_id
        if User.objects.filter(national_id=nid).exists():
            raise ValidationError("บุคลากรคนนี้มีบัญชีในระบบแล้ว")
        username = person_username(registration.person)
    else:
        username = registration.school.code
    if User.objects.filter(username=username).exists():
        raise ValidationError("มีบัญชีชื่อผู้ใช้นี้แล้ว (สถานศึกษานี้มีบัญชีในระบบแล้ว)")
    if User.objects.filter(email__iexact=registration.email).exists():
        raise ValidationError("อีเมลนี้มีผู้ใช้อื่นใช้แล้ว")
    user = user_create(
        username=username,
        password=None,
        email=registration.email,
        name_prefix=registration.name_prefix,
        first_name=registration.first_name,
        last_name=registration.last_name,
        actor=actor,
    )
    if registration.person is not None:
        user.national_id = registration.person.national_id
        user.phone = registration.phone
        user.save(update_fields=["national_id", "phone"])
    membership_grant(user=user, role=role, organization=place, actor=actor)
    registration.status = RegistrationStatus.APPROVED
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration.user = user
    registration.save(update_fields=["status", "decided_by", "decided_at", "user"])
    audit_record(
        actor=actor,
        action="registration.approve",
        target=registration,
        before={"status": RegistrationStatus.PENDING},
        after={"status": RegistrationStatus.APPROVED, "user": user.pk},
    )
    invite_mail(
        user=user,
        site=site,
        role_label=str(role.label),
        place=str(place),
        inviter=str(registration.esa),
        organization=place,
    )
    return user


@transaction.atomic
def registration_reject(*, actor: User, registration: Registration, reason: str) -> Registration:
    registration = _pending(registration)
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่ไม่อนุมัติ ผู้ลงทะเบียนจะได้รับเหตุผลนี้ทางอีเมล")
    if not may_grant(actor=actor, role=Role.APPLICANT_SCHOOL, organization=registration.school):
        raise ValidationError("คำขอนี้อยู่นอกเขตพื้นที่ของท่าน")
    registration.status = RegistrationStatus.REJECTED
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration.reason = reason.strip()
    registration.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    audit_record(
        actor=actor,
        action="registration.reject",
        target=registration,
        before={"status": RegistrationStatus.PENDING},
        after={"status": RegistrationStatus.REJECTED},
        reason=registration.reason,
    )
    mail_queue(
        kind=mail_kinds.REGISTRATION_REJECTED,
        esa_id=registration.esa_id,
        context={
            "name": str(registration),
            "esa": str(registration.esa),
            "reason": registration.reason,
        },
        recipients=[registration.email],
    )
    return registration
