"""E-mail through the task queue: a message is a job created in the caller's transaction (a
rollback mails no one) and sent by a worker, so a page that mails many people (screening
results, reminders) never waits on the mail server, and a server that is down is tried again.

Delivery is at least once: a worker killed between the mail server's acceptance and the job's
end sends that one message again on the retry.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from pramoen.core.jobs import JobKind, job_create
from pramoen.core.models import Job


def mail_queue(*, subject: str, body: str, recipients: list[str]) -> Job | None:
    """Queue one message to ``recipients`` (nothing when there are none)."""
    if not recipients:
        return None
    return job_create(
        kind=MAIL, params={"subject": subject, "body": body, "recipients": list(recipients)}
    )


def _send(job: Job) -> None:
    params = job.params
    send_mail(params["subject"], params["body"], settings.DEFAULT_FROM_EMAIL, params["recipients"])


MAIL = JobKind(path=f"{__name__}.MAIL", run=_send, max_attempts=5)
