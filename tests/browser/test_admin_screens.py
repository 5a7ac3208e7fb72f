"""Every admin screen an editor uses starts in Chromium under the admin's policy: the
add and edit forms of each page type, each snippet and the site settings; and a page
can be scheduled, unpublished and deleted through the admin."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from portal.models import ContentPage

from .conftest import screenshot


@pytest.fixture
def demo_content(demo_site):
    call_command("load_demo_content", stdout=io.StringIO())
    return demo_site


def open_form(page, url):
    page.goto(url)
    page.locator("main form >> visible=true").first.wait_for()
    # Wagtail builds these parts by script: they only appear if its scripts ran.
    page.locator("[data-w-tabs-target], [data-controller]").first.wait_for(state="attached")


def test_every_page_type_snippet_and_setting_form_starts_without_errors(
    demo_content, staff_user, log_in
):
    admin = staff_user("chief", superuser=True)
    page = log_in(admin)

    pages = {}
    for each in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(each), each)
    assert len(pages) >= 9
    opened = []
    for model, example in pages.items():
        open_form(page, f"/admin/pages/{example.pk}/edit/")
        opened.append(f"edit {model.__name__}")
        parent = example.get_parent().specific
        if model.can_create_at(parent):
            meta = model._meta
            open_form(page, f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/")
            opened.append(f"add {model.__name__}")

    for model in get_snippet_models():
        meta = model._meta
        if meta.app_label not in {"opportunities", "stories"}:
            continue
        open_form(page, f"/admin/snippets/{meta.app_label}/{meta.model_name}/add/")
        first = model.objects.order_by("pk").first()
        if first is not None:
            open_form(page, f"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/{first.pk}/")
        opened.append(f"snippet {model.__name__}")

    open_form(page, "/admin/settings/portal/sitesettings/")
    page.fill("#id_phone", "0300 123 9999")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("updated").first.wait_for()
    opened.append("site settings")

    page.watch.assert_clean()
    assert any(name.startswith("snippet Venue") for name in opened)
    from portal.models import SiteSettings

    assert SiteSettings.objects.get().phone == "0300 123 9999"


def test_an_editor_schedules_unpublishes_and_deletes_a_page(demo_content, staff_user, log_in):
    editor = staff_user("chief", superuser=True)
    page = log_in(editor)
    about = ContentPage.objects.get(slug="how-involvement-works")

    # Schedule a change to go live tomorrow morning.
    go_live = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    page.goto(f"/admin/pages/{about.pk}/edit/")
    page.fill("#id_title", "How involvement works, from tomorrow")
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("input[name='go_live_at']").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # From the keyboard: the date picker that opened on the field may still cover the button.
    dialog.get_by_role("button", name="Save schedule").press("Enter")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("^(Publish|Schedule to publish)$")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    screenshot(page, "admin-scheduled")

    about.refresh_from_db()
    scheduled = about.scheduled_revision
    assert scheduled is not None
    assert timezone.localtime(scheduled.approved_go_live_at) == go_live
    # Until then the public still sees the page as it was.
    page.goto(about.url)
    assert page.get_by_role("heading", level=1).inner_text() == "How involvement works"

    # A page scheduled to change is locked until then; another page is unpublished,
    # then deleted, answering each "are you sure?" page.
    old = about.get_parent().add_child(
        instance=ContentPage(title="Old walking route", slug="old-walking-route")
    )
    old.save_revision().publish()
    page.goto(f"/admin/pages/{old.pk}/unpublish/")
    page.get_by_role("button", name=re.compile("Yes, unpublish")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    old.refresh_from_db()
    assert not old.live

    page.goto(f"/admin/pages/{old.pk}/delete/")
    page.get_by_role("button", name=re.compile("Yes, delete")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert not ContentPage.objects.filter(pk=old.pk).exists()

    page.watch.assert_clean()
