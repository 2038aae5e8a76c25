"""Sessions that expire after SESSION_COOKIE_AGE of inactivity without a database write on every request.

Django's SESSION_SAVE_EVERY_REQUEST restarts the inactivity clock by rewriting the session row on each
request: under load that is one write transaction per signed-in page view (on SQLite, writers queue for
one lock). Here a session that was not changed is saved again only when its last save is more than
SESSION_REFRESH_SECONDS old, so the clock still restarts on activity, to within that many seconds.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, remembering when the loaded row was due to expire."""

    loaded_expire_date = None

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.loaded_expire_date = row.expire_date if row is not None else None
        return row

    def refresh_due(self, interval_seconds: int) -> bool:
        """True when saving now would move the expiry more than `interval_seconds` later."""
        self._get_session()  # loads the row once, if the request has not read the session yet
        if self.loaded_expire_date is None or self.is_empty():
            return False
        remaining = self.loaded_expire_date - timezone.now()
        # A fixed expiry date gives an age equal to `remaining`: saving would not move it.
        return remaining <= timedelta(seconds=self.get_expiry_age() - interval_seconds)


class InactivitySessionMiddleware(SessionMiddleware):
    """Django's session middleware, plus the refresh of an unchanged session when it is due."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        refresh_due = getattr(session, "refresh_due", None)
        if (
            refresh_due is not None
            and not session.modified
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and refresh_due(settings.SESSION_REFRESH_SECONDS)
        ):
            session.modified = True
        return super().process_response(request, response)
