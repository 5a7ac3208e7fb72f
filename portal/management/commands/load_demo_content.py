from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from portal.bulk_pages import index_at_the_end
from portal.environment import is_local, portal_environment

# Each app adds its own demo content here, in the order the page tree needs.
DEMO_BUILDERS = [
    "portal.demo.create_demo_content",
    "opportunities.demo.create_demo_content",
    "opportunities.event_demo.create_demo_content",
    "stories.demo.create_demo_content",
    "stories.demo_ideas.create_demo_content",
    "opportunities.demo_sign_ups.create_demo_content",
    # Last: every live page the builders made gets a revision, as the editor would give it.
    "portal.demo.give_live_pages_a_revision",
]
# Generated content for trying the site at scale (--opportunities N) comes after, in a
# transaction per batch: one transaction for thousands of pages slows as it grows.
SCALE_BUILDERS = [
    "opportunities.demo.create_generated_content",
]


class Command(BaseCommand):
    help = (
        "Load demo content: the page tree, settings and examples of every kind of page. "
        "Safe to run again: it only adds what is missing. On a laptop it also creates "
        "demo users with a published password; on a server it refuses to run unless "
        "--allow-production is given, and then creates no users."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--opportunities",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated opportunities, for trying the site at scale.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Add demo pages under production settings too (a trial or load-test "
            "server). No users are created: make staff accounts with createsuperuser.",
        )

    def handle(self, *args, **options):
        if options["opportunities"] < 0:
            raise CommandError("--opportunities must be zero or more.")
        if not is_local() and not options["allow_production"]:
            raise CommandError(
                f"These are {portal_environment()} settings (PORTAL_ENVIRONMENT), so this "
                "looks like a real server. Demo content adds made-up pages and stories to "
                "the live site. For a trial or load-test server, run it again with "
                "--allow-production: it adds the pages but no users."
            )
        # Search and reference indexes are filled once, for everything the builders saved.
        with transaction.atomic(), index_at_the_end():
            for dotted_path in DEMO_BUILDERS:
                import_string(dotted_path)(self.stdout, options)
        for dotted_path in SCALE_BUILDERS:
            import_string(dotted_path)(self.stdout, options)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
