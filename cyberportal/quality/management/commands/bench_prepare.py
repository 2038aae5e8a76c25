"""Internal step of `manage.py bench`: add the scale's synthetic data and open the demo accounts' sessions.

Refuses to run unless CYBERPORTAL_BENCH_INSTANCE is set, because it writes synthetic records: only the
benchmark's own throw-away database may receive them.
"""

import json
import os

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from cyberportal.quality.registry import key_pages, scale_generators


class Command(BaseCommand):
    help = "Internal: prepare the benchmark's instance (synthetic data, sessions). Used by `bench`."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")

    def handle(self, *args, scale, **options):
        if os.environ.get("CYBERPORTAL_BENCH_INSTANCE") != "1":
            raise CommandError("bench_prepare only runs inside `manage.py bench`'s own database.")
        counts = {}
        if scale != "small":
            for name, generate in scale_generators().items():
                counts[name] = generate(scale)
        sessions = {}
        User = get_user_model()
        for username in sorted({p.signed_in_as for p in key_pages() if p.signed_in_as}):
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Key pages sign in as {username!r}, but the demo has no such account.")
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            sessions[username] = store.session_key
        self.stdout.write(json.dumps({"generated": counts, "sessions": sessions}))
