"""E-mail through the task queue: a message is a job created in the caller's transaction (a
rollback mails no one) and sent by a worker, so a page that mails many people (screening
results, reminders) never waits on the mail server, and a server that is down is tried again.

Every message is of a kind in ``core.mail_kinds`` and is rendered here, when queued, from the
ESA's own template (``settings.PRAMOEN_MAIL_TEMPLATE_SOURCE``: the people app's overrides) or the
kind's default. A stored override was checked when saved; should it fail anyway, the default is
used and the failure logged, so a mail is never lost to a template.

Delivery is at least once: a worker killed between the mail server's acceptance and the job's
end sends that one message again on the retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from pramoen.core.jobs import JobKind, job_create
from pramoen.core.mail_kinds import MailKind
from pramoen.core.mail_sandbox import subject_line, template_render
from pramoen.core.models import Job

logger = logging.getLogger(__name__)

OverrideSource = Callable[[str, int], tuple[str, str] | None]


def _override(kind: MailKind, esa_id: int | None) -> tuple[str, str] | None:
    path = getattr(settings, "PRAMOEN_MAIL_TEMPLATE_SOURCE", "")
    if not path or esa_id is None or not kind.per_esa:
        return None
    source: OverrideSource = import_string(path)
    return source(kind.code, esa_id)


def mail_render(
    *, kind: MailKind, esa_id: int | None, context: Mapping[str, object]
) -> tuple[str, str]:
    """The subject and body of ``kind`` for the ESA ``esa_id`` (None: the default)."""
    values = {variable.name: context.get(variable.name, "") for variable in kind.variables}
    override = _override(kind, esa_id)
    if override is not None:
        try:
            subject, body = (template_render(text, values) for text in override)
            return subject_line(subject), body
        except Exception:  # the message still goes, with the default text
            logger.exception("mail template %s of ESA %s failed; default used", kind.code, esa_id)
    return (
        subject_line(template_render(kind.default_subject, values)),
        template_render(kind.default_body, values),
    )


def mail_queue(
    *,
    kind: MailKind,
    esa_id: int | None,
    context: Mapping[str, object],
    recipients: list[str],
) -> Job | None:
    """Queue one message of ``kind`` to ``recipients`` (nothing when there are none)."""
    if not recipients:
        return None
    subject, body = mail_render(kind=kind, esa_id=esa_id, context=context)
    return job_create(
        kind=MAIL,
        params={
            "subject": subject,
            "body": body,
            "recipients": list(recipients),
            "mail_kind": kind.code,
            "esa_id": esa_id,
        },
    )


def _send(job: Job) -> None:
    params = job.params
    send_mail(params["subject"], params["body"], settings.DEFAULT_FROM_EMAIL, params["recipients"])


MAIL = JobKind(path=f"{__name__}.MAIL", run=_send, max_attempts=5)
