"""What a storyteller may see in the admin's page listings, beyond Wagtail's page rights.

Storytellers may add stories under the stories index, so Wagtail lets them explore
every story there, drafts included. The admin's page search reads that set straight
from the page permission policy (there is no hook for it), so this policy narrows it:
a storyteller who is not also a moderator explores live pages and their own pages.
The explorer, the admin API and the page chooser are narrowed the same way through
hooks in ``wagtail_hooks.py``.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from .moderation import is_storyteller_only, visible_to_storyteller


class StorytellerPagePermissionPolicy(PagePermissionPolicy):
    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if is_storyteller_only(user):
            pages = visible_to_storyteller(pages, user)
        return pages
