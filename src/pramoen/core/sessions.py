"""The database session store, failing cleanly when the database does.

Django's ``SessionBase._get_session`` loads the session inside ``except AttributeError`` (the cache
attribute does not exist yet), so a database that is down raises its ``OperationalError`` *during*
that handling and every log shows "'SessionStore' object has no attribute '_session_cache'" first —
a session bug that is not one. Loading outside the ``except`` leaves only the database's own error.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _get_session(self, no_load: bool = False) -> dict[str, Any]:
        self.accessed = True
        if "_session_cache" not in self.__dict__:
            if self.session_key is None or no_load:
                self._session_cache = {}
            else:
                self._session_cache = self.load()
        return self._session_cache

    _session = property(_get_session)
