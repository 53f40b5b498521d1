"""Who may use the studio: ESA staff (their ESA's instruments) and system admins (all)."""

from __future__ import annotations

import rules

from pramoen.accounts.rules import is_esa_staff

rules.add_perm("pramoen.use_studio", is_esa_staff)
