"""Editors keep the catalogue and the events current, so they publish there themselves.

Wagtail's own Editors group may add and change pages anywhere but publish nowhere, so
every change would wait for a moderator. Under the catalogue and the events listing,
Editors may also publish. Stories are not touched: they still pass the story review
(stories/moderation.py).

``let_editors_publish`` runs when a catalogue or events listing page is first saved
(``apps.py``), and migration 0007 runs it for listing pages that already exist.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

EDITORS = "Editors"


def let_editors_publish(index_page):
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page=index_page, permission=publish)


def let_editors_publish_under_new_listing(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        let_editors_publish(instance)
