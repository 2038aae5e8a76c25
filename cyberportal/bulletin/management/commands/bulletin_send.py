"""Queue a published issue for its confirmed subscribers (the worker sends it in batches); a rerun sends
only to those who have not received it."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cyberportal.bulletin import services
from cyberportal.bulletin.models import Issue


class Command(BaseCommand):
    help = "Send a published bulletin issue to its confirmed subscribers, through the task worker."

    def add_arguments(self, parser):
        parser.add_argument("number", type=int)

    def handle(self, *args, number, **options):
        issue = Issue.objects.filter(number=number).first()
        if issue is None:
            raise CommandError(f"There is no issue number {number}.")
        try:
            with transaction.atomic():
                services.issue_send_request(issue=issue)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Issue {number} queued for {services.pending_recipients(issue).count()} subscriber(s)."
        )
