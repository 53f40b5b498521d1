"""Who manages accounts: ESA staff for their own ESA and its schools; system admins everywhere."""

from __future__ import annotations

import rules

from pramoen.accounts.rules import is_esa_staff

rules.add_perm("pramoen.manage_accounts", is_esa_staff)
