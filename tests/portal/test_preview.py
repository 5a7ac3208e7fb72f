"""Every page type of the demo content can be previewed, and its draft viewed, by each
role that may edit it: before it is saved (relations only in the form), as a draft,
and as it stands."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from opportunities.models import GroupPage, OrganisingGroup
from stories.models import StoryPage


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page).__name__, page)
    return pages


def user_in(group_name):
    user = get_user_model().objects.create_user(f"{group_name.lower()}-preview", password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def preview_problems(client, page):
    """Preview ``page`` from its edit form, as a new page from the same form, and view
    its latest draft; return what went wrong, in words."""
    problems = []
    name = f"{type(page).__name__} '{page.title}'"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if edit.status_code != 200:
        return [f"{name}: the edit form answered {edit.status_code}"]
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    # A StreamField's form is built by script in the browser, so the HTML holds none of
    # its inputs: preview those empty here (viewing the draft below renders them).
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")

    targets = {"preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])}
    parent = page.get_parent()
    model = type(page)
    if parent is not None and model.can_create_at(parent.specific):
        targets["preview before saving"] = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
    for label, url in targets.items():
        if label == "preview before saving":
            data = data.copy()
            data["slug"] = f"{page.slug}-new"
            if isinstance(page, GroupPage):
                # A group has one page: a new one is for a group that has none yet.
                data["group"] = str(OrganisingGroup.objects.create(name="New group").pk)
        checked = client.post(url, data)
        if checked.status_code != 200 or not checked.json().get("is_valid"):
            problems.append(f"{name}: {label} form refused ({checked.status_code})")
            continue
        shown = client.get(url)
        if shown.status_code != 200 or escape(page.title) not in shown.content.decode():
            problems.append(f"{name}: {label} answered {shown.status_code}")

    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    if draft.status_code != 200:
        problems.append(f"{name}: view draft answered {draft.status_code}")
    return problems


@pytest.mark.parametrize("role", ["superuser", "Editors", "Moderators"])
def test_editors_and_moderators_preview_every_page_type(demo, role):
    if role == "superuser":
        user = get_user_model().objects.create_superuser("preview-admin", password="x")
    else:
        user = user_in(role)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    pages = one_page_of_each_type()
    assert len(pages) >= 9, sorted(pages)

    problems = [problem for page in pages.values() for problem in preview_problems(client, page)]

    assert problems == [], "\n".join(problems)


def test_a_storyteller_previews_their_own_story(demo):
    storyteller = get_user_model().objects.get(username="storyteller")
    story = StoryPage.objects.filter(owner=storyteller).order_by("path").first()
    client = Client(raise_request_exception=False)
    client.force_login(storyteller)

    problems = preview_problems(client, story)
    assert problems == [], "\n".join(problems)
