"""One-time links to set a first password (invitations, accounts from the registry, approved
registrations).

A link is Django's password-reset token under its own salt: it is made from the account's
password hash and last sign-in, so it stops working once a password is set (one use), and it
expires after ``PRAMOEN_INVITE_DAYS``. Nothing is stored: a list of links is made when asked for.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from pramoen.core.types import User


class InviteTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "pramoen.people.tokens.InviteTokenGenerator"

    def check_token(self, user: User | None, token: str | None) -> bool:
        # Django's own check with the invitation's lifetime in place of PASSWORD_RESET_TIMEOUT.
        if not (user and token and user.is_active):
            return False
        try:
            ts = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        age = self._num_seconds(self._now()) - ts
        return age <= settings.PRAMOEN_INVITE_DAYS * 24 * 3600


invite_tokens = InviteTokenGenerator()


def invite_path(user: User) -> str:
    """The site path of ``user``'s one-time link (valid until a password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("people:welcome", args=[uid, invite_tokens.make_token(user)])
