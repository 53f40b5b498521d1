"""Organizations (OBEC → ESA → school), school facts used by eligibility, the KPI 10 quality-school
programme, and people with the history eligibility depends on.

One ``Organization`` table holds every node of the hierarchy (it is the FK target of roles in
``accounts.Membership``); ``Esa`` and ``School`` are proxies over it so code reads naturally and
imports can still ``bulk_create`` (multi-table inheritance could not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pramoen.orgs.enums import (
    AcademicStanding,
    AwardDomain,
    AwardLevel,
    AwardTier,
    DisciplinaryKind,
    EsaLevel,
    ImportKind,
    ImportStatus,
    Level,
    OnesqaLevel,
    OnetGrade,
    OnetSubject,
    OrganizationKind,
    Position,
    QualityCoreKind,
    SchoolType,
)
from pramoen.thai import mask_national_id, thai_sort_key
from pramoen.thai.names import format_person_name

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def _digits(length: int, message: StrOrPromise) -> RegexValidator:
    return RegexValidator(rf"^[0-9]{{{length}}}$", message, code="invalid_code")


validate_school_code = _digits(10, _("รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก"))
validate_smis_code = _digits(8, _("รหัส SMIS ต้องเป็นตัวเลข 8 หลัก"))
validate_obec_code = _digits(6, _("รหัส สพฐ. (Percode) ต้องเป็นตัวเลข 6 หลัก"))

# Academic years are Buddhist Era years (ปีการศึกษา 2568).
BE_YEAR_VALIDATORS = [MinValueValidator(2484), MaxValueValidator(2643)]


def school_sort_key(name: str) -> str:
    """Thai dictionary order, ignoring the leading โรงเรียน (pramoen.thai.collation)."""
    primary, secondary, _ = thai_sort_key(name, ignore_school_prefix=True)
    return f"{primary}\x1f{secondary}"[:400]


def person_sort_key(first_name: str, last_name: str) -> str:
    primary, secondary, _ = thai_sort_key(f"{first_name} {last_name}")
    return f"{primary}\x1f{secondary}"[:400]


class SortKeyField(models.CharField):
    """A stored Thai collation key, recomputed on every save and bulk_create (``pre_save``).

    Databases sort Thai by code point, which files เ/แ/โ/ใ/ไ words after ฮ; ordering by this key
    gives dictionary order on SQLite and PostgreSQL alike. bulk_update callers set it themselves.
    """

    def __init__(self, *args, compute: str = "", **kwargs) -> None:
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        self.compute = compute
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["compute"] = self.compute
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        compute = getattr(model_instance, self.compute, None)
        if compute is None:  # a historical model inside a migration has no methods
            return getattr(model_instance, self.attname)
        value = compute()
        setattr(model_instance, self.attname, value)
        return value


class OrganizationQuerySet(models.QuerySet):
    def esas(self) -> OrganizationQuerySet:
        return self.filter(kind=OrganizationKind.ESA)

    def schools(self) -> OrganizationQuerySet:
        return self.filter(kind=OrganizationKind.SCHOOL)


class Organization(models.Model):
    """OBEC → ESA → school: every place a person works or a role is scoped to."""

    kind = models.CharField(_("ประเภทหน่วยงาน"), max_length=16, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Schools: the 10-digit OBEC school code; ESAs: the office's own code.
    code = models.CharField(_("รหัส"), max_length=20, blank=True)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=255)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=255, blank=True)
    name_sort = SortKeyField(compute="compute_name_sort")
    # ESA only
    esa_level = models.CharField(
        _("ระดับเขตพื้นที่"), max_length=16, choices=EsaLevel.choices, blank=True
    )
    esa_number = models.PositiveSmallIntegerField(_("เขต"), null=True, blank=True)
    # ESA only: the one digits style of every page its people see (pramoen.orgs.digits): True
    # Thai ๐–๙, False Arabic 0–9, None not chosen (each page as it was written).
    thai_digits = models.BooleanField(
        _("ใช้เลขไทยในทุกหน้า"),
        null=True,
        blank=True,
        default=None,
        help_text=_("เลือกเลขไทยหรือเลขอารบิกสำหรับทุกหน้าของสำนักงานเขตพื้นที่การศึกษา"),
    )
    # ESA only: its สำนักงานศึกษาธิการภาค (the KPI chain's middle level). ``parent`` stays OBEC:
    # the region groups ESAs for review, it does not administer them.
    region = models.ForeignKey(
        "self",
        verbose_name=_("สำนักงานศึกษาธิการภาค"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="region_esas",
        limit_choices_to={"kind": "region"},
    )
    # School only
    smis_code = models.CharField(
        _("รหัส SMIS 8 หลัก"), max_length=8, blank=True, validators=[validate_smis_code]
    )
    obec_code = models.CharField(
        _("รหัส สพฐ. 6 หลัก (Percode)"), max_length=6, blank=True, validators=[validate_obec_code]
    )
    school_type = models.CharField(
        _("ประเภทสถานศึกษา"), max_length=16, choices=SchoolType.choices, blank=True
    )
    # Comma-separated Level values, in Level order (see services.normalize_levels).
    levels = models.CharField(_("ระดับที่เปิดสอน"), max_length=100, blank=True)
    network = models.ForeignKey(
        "SchoolNetwork",
        verbose_name=_("กลุ่มโรงเรียน"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schools",
    )
    address = models.CharField(_("ที่อยู่ (เลขที่ หมู่ ถนน)"), max_length=255, blank=True)
    subdistrict = models.CharField(_("ตำบล/แขวง"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ/เขต"), max_length=100, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    postcode = models.CharField(_("รหัสไปรษณีย์"), max_length=5, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="orgs_org_kind_code"
            ),
            models.UniqueConstraint(
                fields=["smis_code"], condition=~models.Q(smis_code=""), name="orgs_org_smis"
            ),
            models.UniqueConstraint(
                fields=["obec_code"], condition=~models.Q(obec_code=""), name="orgs_org_obec"
            ),
        ]
        # Plain indexes beside the partial unique ones: SQLite only uses a partial index when the
        # query repeats its condition, and imports look codes up with IN (…) lists.
        indexes = [
            models.Index(fields=["kind", "parent"]),
            models.Index(fields=["kind", "code"], name="orgs_org_code_idx"),
            models.Index(fields=["kind", "smis_code"], name="orgs_org_smis_idx"),
            models.Index(fields=["kind", "obec_code"], name="orgs_org_obec_idx"),
        ]

    def __str__(self) -> str:
        return self.name_th

    def compute_name_sort(self) -> str:
        return school_sort_key(self.name_th)

    def clean(self) -> None:
        super().clean()
        if self.kind == OrganizationKind.SCHOOL:
            # The code field is shared with ESAs: the 10-digit rule applies to schools only.
            try:
                validate_school_code(self.code)
            except ValidationError as exc:
                raise ValidationError({"code": exc.messages}) from exc

    @property
    def is_school(self) -> bool:
        return self.kind == OrganizationKind.SCHOOL

    @property
    def is_esa(self) -> bool:
        return self.kind == OrganizationKind.ESA

    def level_list(self) -> list[str]:
        return [value for value in self.levels.split(",") if value]

    def level_labels(self) -> list[str]:
        labels = dict(Level.choices)
        return [str(labels.get(value, value)) for value in self.level_list()]


class EsaManager(models.Manager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).filter(kind=OrganizationKind.ESA)


class SchoolManager(models.Manager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).filter(kind=OrganizationKind.SCHOOL)


class Esa(Organization):
    objects: ClassVar[EsaManager] = EsaManager()  # type: ignore[assignment]  # a proxy narrows it

    class Meta:
        proxy = True
        verbose_name = _("สำนักงานเขตพื้นที่การศึกษา")
        verbose_name_plural = _("สำนักงานเขตพื้นที่การศึกษา")

    def save(self, *args, **kwargs) -> None:
        self.kind = OrganizationKind.ESA
        super().save(*args, **kwargs)


class School(Organization):
    objects: ClassVar[SchoolManager] = SchoolManager()  # type: ignore[assignment]  # a proxy narrows it

    class Meta:
        proxy = True
        verbose_name = _("สถานศึกษา")
        verbose_name_plural = _("สถานศึกษา")

    def save(self, *args, **kwargs) -> None:
        self.kind = OrganizationKind.SCHOOL
        super().save(*args, **kwargs)


class SchoolNetwork(models.Model):
    """กลุ่มโรงเรียน: a cluster of schools inside one ESA (not the KPI 10 quality network)."""

    esa = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="school_networks")
    name = models.CharField(_("ชื่อกลุ่มโรงเรียน"), max_length=255)

    class Meta:
        verbose_name = _("กลุ่มโรงเรียน")
        verbose_name_plural = _("กลุ่มโรงเรียน")
        constraints = [models.UniqueConstraint(fields=["esa", "name"], name="orgs_network_name")]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    """Students in one school in one academic year; every year is kept (size class history)."""

    school = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="enrollments")
    academic_year = models.PositiveSmallIntegerField(_("ปีการศึกษา"), validators=BE_YEAR_VALIDATORS)
    students = models.PositiveIntegerField(_("จำนวนนักเรียน"))

    class Meta:
        verbose_name = _("จำนวนนักเรียน")
        verbose_name_plural = _("จำนวนนักเรียน")
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="orgs_enrol_year")
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.academic_year}: {self.students}"


class OnesqaResult(models.Model):
    """สมศ. external assessment, one overall result per round."""

    school = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="onesqa_results"
    )
    round = models.PositiveSmallIntegerField(
        _("รอบการประเมิน"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    level = models.CharField(_("ผลการประเมิน"), max_length=16, choices=OnesqaLevel.choices)
    assessed_year = models.PositiveSmallIntegerField(
        _("ปีที่ประเมิน (พ.ศ.)"), null=True, blank=True, validators=BE_YEAR_VALIDATORS
    )

    class Meta:
        verbose_name = _("ผลการประเมินภายนอก (สมศ.)")
        verbose_name_plural = _("ผลการประเมินภายนอก (สมศ.)")
        ordering = ["round"]
        constraints = [
            models.UniqueConstraint(fields=["school", "round"], name="orgs_onesqa_round")
        ]

    def __str__(self) -> str:
        return f"{self.school_id} รอบ {self.round}: {self.get_level_display()}"


class OnetMean(models.Model):
    """O-NET mean score of one school — or, for the ESA mean, one ESA — by year, grade, subject."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="onet_means"
    )
    academic_year = models.PositiveSmallIntegerField(_("ปีการศึกษา"), validators=BE_YEAR_VALIDATORS)
    grade = models.CharField(_("ชั้น"), max_length=4, choices=OnetGrade.choices)
    subject = models.CharField(_("วิชา"), max_length=16, choices=OnetSubject.choices)
    mean = models.DecimalField(
        _("คะแนนเฉลี่ย"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("คะแนนเฉลี่ย O-NET")
        verbose_name_plural = _("คะแนนเฉลี่ย O-NET")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "grade", "subject"],
                name="orgs_onet_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.academic_year} {self.grade} {self.subject}"


class QualityCore(models.Model):
    """A core school (โรงเรียนหลัก) of the KPI 10 quality-school programme in one academic year."""

    academic_year = models.PositiveSmallIntegerField(_("ปีการศึกษา"), validators=BE_YEAR_VALIDATORS)
    school = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="quality_cores")
    kind = models.CharField(_("ประเภทโรงเรียนคุณภาพ"), max_length=24, choices=QualityCoreKind.choices)

    class Meta:
        verbose_name = _("โรงเรียนคุณภาพ (โรงเรียนหลัก)")
        verbose_name_plural = _("โรงเรียนคุณภาพ (โรงเรียนหลัก)")
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "school"], name="orgs_core_year")
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.academic_year})"


class QualityNetworkMember(models.Model):
    """A network school (โรงเรียนเครือข่าย) linked to one core school in one academic year."""

    core = models.ForeignKey(QualityCore, on_delete=models.CASCADE, related_name="members")
    academic_year = models.PositiveSmallIntegerField(_("ปีการศึกษา"), validators=BE_YEAR_VALIDATORS)
    school = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="quality_memberships"
    )
    integrated_learning = models.BooleanField(_("เรียนรวม"), default=False)
    resource_sharing = models.BooleanField(_("ใช้ทรัพยากรร่วมกัน"), default=False)
    participating = models.BooleanField(_("เข้าร่วมได้"), default=True)
    non_participation_reason = models.TextField(_("เหตุผลที่เข้าร่วมไม่ได้"), blank=True)

    class Meta:
        verbose_name = _("โรงเรียนเครือข่าย")
        verbose_name_plural = _("โรงเรียนเครือข่าย")
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "school"], name="orgs_member_year"),
            # A school that cannot take part must say why (KPI 10 report lists the reasons).
            models.CheckConstraint(
                condition=models.Q(participating=True) | ~models.Q(non_participation_reason=""),
                name="orgs_member_reason_required",
            ),
        ]

    def __str__(self) -> str:
        # Names, not ids: the audit log keeps this text and people read it.
        return f"{self.school} → {self.core.school} ({self.academic_year})"


class Person(models.Model):
    """A teacher, director, supervisor or other staff member of a school or an ESA."""

    prefix = models.CharField(_("คำนำหน้าชื่อ"), max_length=50, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100)
    name_sort = SortKeyField(compute="compute_name_sort")
    # Never in URLs or exports unless asked; shown masked except to ESA staff.
    national_id = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=24, choices=Position.choices)
    academic_standing = models.CharField(
        _("วิทยฐานะ"),
        max_length=24,
        choices=AcademicStanding.choices,
        default=AcademicStanding.NONE,
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("สังกัด (สถานศึกษาหรือเขตพื้นที่)"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    position_started_on = models.DateField(_("วันที่เริ่มดำรงตำแหน่งปัจจุบัน"), null=True, blank=True)
    organization_started_on = models.DateField(
        _("วันที่เริ่มปฏิบัติงานในสถานศึกษาปัจจุบัน"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("บุคลากร")
        verbose_name_plural = _("บุคลากร")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"], condition=~models.Q(national_id=""), name="orgs_person_nid"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "position"]),
            models.Index(fields=["national_id"], name="orgs_person_nid_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def compute_name_sort(self) -> str:
        return person_sort_key(self.first_name, self.last_name)

    @property
    def full_name(self) -> str:
        return format_person_name(self.first_name, self.last_name, self.prefix)

    @property
    def national_id_masked(self) -> str:
        return mask_national_id(self.national_id) if self.national_id else ""


class DisciplinaryRecord(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplinary")
    occurred_on = models.DateField(_("วันที่"))
    kind = models.CharField(_("โทษ"), max_length=24, choices=DisciplinaryKind.choices)
    note = models.TextField(_("หมายเหตุ"), blank=True)

    class Meta:
        verbose_name = _("ประวัติทางวินัย")
        verbose_name_plural = _("ประวัติทางวินัย")
        ordering = ["-occurred_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class Award(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="awards")
    title = models.CharField(_("ชื่อรางวัล"), max_length=255)
    level = models.CharField(_("ระดับ"), max_length=16, choices=AwardLevel.choices)
    year = models.PositiveSmallIntegerField(_("ปี (พ.ศ.)"), validators=BE_YEAR_VALIDATORS)
    domain = models.CharField(_("ด้าน"), max_length=16, choices=AwardDomain.choices, blank=True)
    tier = models.CharField(_("ระดับผลงาน"), max_length=16, choices=AwardTier.choices)
    source = models.CharField(_("หน่วยงานที่มอบ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("รางวัล")
        verbose_name_plural = _("รางวัล")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class ImportBatch(models.Model):
    """One uploaded file: its preview (counts and row errors), then its commit."""

    kind = models.CharField(_("ประเภทข้อมูล"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(_("สถานะ"), max_length=16, choices=ImportStatus.choices)
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255)
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    errors = models.JSONField(default=list)
    # Rows checked so far, for the progress bar of a file checked in the background.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("การนำเข้าข้อมูล")
        verbose_name_plural = _("การนำเข้าข้อมูล")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def running(self) -> bool:
        return self.status in {ImportStatus.CHECKING, ImportStatus.COMMITTING}

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


from pramoen.orgs.letterhead_models import EsaLetterhead  # noqa: E402, F401
