"""Who manages accounts: ESA staff for their own ESA and its schools; system admins everywhere.
The same holds for an ESA's e-mail templates: staff edit their ESA's, a system admin any ESA's."""

from __future__ import annotations

import rules

from pramoen.accounts.rules import is_esa_staff


@rules.predicate
def manages_esa(user, esa) -> bool:
    """``esa`` is one of the ESAs ``user`` is staff of (any ESA for a system admin); without an
    object, whether the user is ESA staff at all."""
    from pramoen.orgs.selectors import staff_esa_ids

    if esa is None:
        return bool(is_esa_staff(user))
    esa_ids = staff_esa_ids(user)
    return esa_ids is None or esa.pk in esa_ids


rules.add_perm("pramoen.manage_accounts", is_esa_staff)
rules.add_perm("pramoen.edit_mail_templates", is_esa_staff & manages_esa)
