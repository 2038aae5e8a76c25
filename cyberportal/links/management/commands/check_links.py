"""Check the national links now (from cron, or by hand), or queue the check for the worker."""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.links import services
from cyberportal.links.tasks import check_national_links
from cyberportal.states.models import State


class Command(BaseCommand):
    help = (
        "Check every published national link (timeouts, redirects, dead links, links back to the portal) "
        "and e-mail each state's focal points the links that do not answer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", help="Only this state's links (ISO 3166 alpha-2 code, e.g. AR).")
        parser.add_argument("--timeout", type=float, help="Seconds to wait for each site.")
        parser.add_argument("--no-email", action="store_true", help="Record the findings, send no digest.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the check for the worker instead.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = check_national_links.enqueue()
            self.stdout.write(f"Link check queued ({result.id}).")
            return
        state = None
        if options["state"]:
            code = options["state"].strip().upper()
            state = State.objects.filter(code=code).first()
            if state is None:
                raise CommandError(f"--state: “{options['state'][:10]}” is not a state of the network.")
        if options["timeout"] is not None and options["timeout"] <= 0:
            raise CommandError(f"--timeout: “{options['timeout']}” must be a positive number of seconds.")
        checker = services.checker_from_settings(timeout=options["timeout"])
        summary = services.links_check(state=state, checker=checker)
        for finding in summary.findings:
            self.stdout.write(f"{finding.link.state.code}  {finding.summary}  {finding.checked_url}")
        told = 0 if options["no_email"] else services.dead_links_notify()
        self.stdout.write(
            f"{summary.checked} checked, {summary.dead} dead, {summary.moved} moved permanently, "
            f"{summary.links_back} link back to the portal; {told} e-mail(s) sent."
        )
