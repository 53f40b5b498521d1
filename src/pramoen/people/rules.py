"""Who manages accounts: ESA staff for their own ESA and its schools; system admins everywhere."""

from __future__ import annotations

import rules

from pramoen.accounts.rules import is_esa_staff, is_system_admin

rules.add_perm("pramoen.manage_accounts", is_esa_staff)
# Walking the whole hash chain reads every audit row: system admins only, on request.
rules.add_perm("pramoen.verify_audit_chain", is_system_admin)
