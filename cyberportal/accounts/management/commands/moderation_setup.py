"""`manage.py moderation_setup`: create (or bring up to date) the one moderation workflow.

Every focal point's change waits in "Secretariat review" (core.moderation), reviewed by the Secretariat's
group; a model registered for moderation after an upgrade is assigned to it too. Safe to run on every
deployment, after `migrate`: it changes nothing that is already right.
"""

from django.core.management.base import BaseCommand

from cyberportal.accounts.services import moderation_workflow_ensure
from cyberportal.core.moderation import moderated_models


class Command(BaseCommand):
    help = "Create or update the moderation workflow and assign it to every moderated model."

    def handle(self, *args, **options):
        workflow = moderation_workflow_ensure()
        names = ", ".join(sorted(str(model._meta.verbose_name_plural) for model in moderated_models()))
        self.stdout.write(f"{workflow.name}: {names}")
