"""What a sign-up changes outside itself: the places an event shows, and the outage page.

Connected for ``SignUp`` only, in ``OpportunitiesConfig.ready()``. A sign-up renews the
cached copy of a page only when it takes or frees one of its limited places (see
``pages_showing_places``); anything else about it (notes, contact, a status that still
holds a place, a waiting list) shows on no public page.
"""

from django.db import transaction

from portal import cache, faults

from .models import SignUp


def _renew_pages_showing_places(sign_up):
    if sign_up.page_id is None:
        return
    page = sign_up.page.specific
    for shown_on in getattr(page, "pages_showing_places", list)():
        cache.renew_page(shown_on)


def sign_up_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    holds_a_place = SignUp.status_holds_a_place(instance.status)
    if created:
        changed = holds_a_place
    else:
        # A sign-up saved without being loaded first: whether it moved is unknown.
        stored = getattr(instance, "stored_status", None)
        changed = stored is None or SignUp.status_holds_a_place(stored) != holds_a_place
    instance.stored_status = instance.status
    if changed:
        _renew_pages_showing_places(instance)


def sign_up_deleted(sender, instance, **kwargs):
    if SignUp.status_holds_a_place(getattr(instance, "stored_status", instance.status)):
        _renew_pages_showing_places(instance)


def sign_up_kept(sender, instance, created, raw=False, **kwargs):
    # If the page after a sign-up fails, the person is told it was kept.
    if created and not raw:
        transaction.on_commit(lambda: faults.note_sign_up_kept(instance.reference))
