from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app adds its own demo content here, in the order the page tree needs.
DEMO_BUILDERS = [
    "portal.demo.create_demo_content",
    "opportunities.demo.create_demo_content",
    "opportunities.event_demo.create_demo_content",
    "stories.demo.create_demo_content",
]


class Command(BaseCommand):
    help = (
        "Load demo content: the page tree, settings and examples of every kind of page. "
        "Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--opportunities",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated opportunities, for trying the site at scale.",
        )

    def handle(self, *args, **options):
        if options["opportunities"] < 0:
            raise CommandError("--opportunities must be zero or more.")
        with transaction.atomic():
            for dotted_path in DEMO_BUILDERS:
                import_string(dotted_path)(self.stdout, options)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
