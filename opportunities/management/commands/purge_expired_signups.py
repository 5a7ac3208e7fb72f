"""Delete sign-ups whose last change is older than the retention period.

Run it every day from cron, for example:

    15 3 * * *  cd /srv/portal && .venv/bin/python manage.py purge_expired_signups

The period is the default site's "retention days" setting (365 unless changed).
Only counts are printed: never a name, contact detail or reference. Other apps that keep
personal data under the same promise (the idea box) purge theirs through the
``retention_period_ended`` signal, in the same transaction, and report their own count.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.dispatch import Signal
from wagtail.models import Site

from opportunities.models import SignUp, SignUpStatusChange
from portal.models import SiteSettings

DEFAULT_RETENTION_DAYS = 365

# Sent with ``retention_days`` and ``dry_run``; each receiver returns one sentence of
# counts to print.
retention_period_ended = Signal()


class Command(BaseCommand):
    help = "Delete sign-ups not changed for longer than the retention period in Site settings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted.",
        )

    def handle(self, *args, dry_run=False, **options):
        retention_days = self.retention_days()
        expired = SignUp.objects.expired(retention_days)
        count = expired.count()
        history = SignUpStatusChange.objects.filter(sign_up__in=expired).count()
        if dry_run:
            self.stdout.write(
                f"{count} sign-up(s) older than {retention_days} days would be deleted "
                f"(with {history} status change(s))."
            )
        else:
            with transaction.atomic():
                expired.delete()
                others = retention_period_ended.send(
                    sender=self.__class__, retention_days=retention_days, dry_run=False
                )
            self.stdout.write(
                f"Deleted {count} sign-up(s) not changed for {retention_days} days "
                f"(and {history} status change(s))."
            )
        if dry_run:
            others = retention_period_ended.send(
                sender=self.__class__, retention_days=retention_days, dry_run=True
            )
        for _receiver, sentence in others:
            self.stdout.write(sentence)

    def retention_days(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return DEFAULT_RETENTION_DAYS
        return SiteSettings.for_site(site).retention_days or DEFAULT_RETENTION_DAYS
