"""The append-only audit log shared by every app.

Rows are written by :func:`pramoen.core.services.audit_record` in the same transaction as the change
they describe. Updates and deletes are refused by the model, its queryset and — so that a stray
``UPDATE`` from a shell cannot rewrite history either — by database triggers (see migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from pramoen.core.enums import JobStatus


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit log is append-only")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # a deleted account must never take its history with it
        related_name="+",
    )
    # Kept as text too: the log must stay readable after the account is renamed or removed.
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, db_index=True)
    target_id = models.CharField(max_length=64, db_index=True)
    target_repr = models.CharField(max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(blank=True)
    # The hash chain (core.audit_chain): SHA-256 of the previous row, and of this row's content
    # together with it.
    prev_hash = models.CharField(max_length=64, editable=False)
    row_hash = models.CharField(max_length=64, editable=False, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = "บันทึกการเปลี่ยนแปลง"
        verbose_name_plural = "บันทึกการเปลี่ยนแปลง"
        indexes = [models.Index(fields=["target_type", "target_id", "occurred_at"])]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.target_repr}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit log is append-only")


class InstrumentSnapshot(models.Model):
    """The canonical document of an instrument version that something pinned (content-addressed).

    A campaign category or a KPI report pins an instrument by its version hash; this row keeps the
    document that hash was computed from, so the pin stays scorable and auditable after the library
    file changes (``pramoen.core.instrument_store``). Rows are written once and never changed: the
    document must hash to ``version_hash`` (checked on every read).
    """

    version_hash = models.CharField(max_length=64, unique=True)
    instrument_id = models.CharField(max_length=80, db_index=True)
    version = models.CharField(max_length=40)
    title_th = models.CharField(max_length=500)
    document = models.JSONField()
    stored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "แบบประเมินฉบับที่ใช้อ้างอิง"
        verbose_name_plural = "แบบประเมินฉบับที่ใช้อ้างอิง"

    def __str__(self) -> str:
        return f"{self.title_th} ({self.version})"


class Job(models.Model):
    """One piece of long work run by a worker (``pramoen.core.jobs``): its state, progress, lease.

    ``kind`` names a :class:`pramoen.core.jobs.JobKind` by its import path. A running job holds a
    lease its worker renews; a job whose lease ran out (the worker was killed) is queued again or
    failed with a Thai ``error`` — never left "running". ``key`` makes a job unique (the periodic
    jobs of one day).
    """

    kind = models.CharField(max_length=200)
    status = models.CharField(
        "สถานะ", max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    params = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField("ข้อผิดพลาด", blank=True)
    # What the kind hands back to the page (a portfolio check's report), written by its run.
    result = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    worker = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "งานเบื้องหลัง"
        verbose_name_plural = "งานเบื้องหลัง"
        indexes = [
            models.Index(fields=["status", "lease_until"], name="core_job_lease"),
            models.Index(fields=["status", "enqueued_at"], name="core_job_waiting"),
        ]

    def __str__(self) -> str:
        return f"{self.kind.rsplit('.', 1)[-1]} {self.status} {self.done}/{self.total}"

    @property
    def active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def retried(self) -> bool:
        return self.attempts > 1


class WorkerHeartbeat(models.Model):
    """A ``pramoen worker`` process, beating every tick while its backend worker lives."""

    name = models.CharField(max_length=100, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    backend = models.CharField(max_length=16)
    queue = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "เครื่องทำงานเบื้องหลัง"
        verbose_name_plural = "เครื่องทำงานเบื้องหลัง"

    def __str__(self) -> str:
        return self.name
