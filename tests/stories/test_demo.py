import io

from django.contrib.auth import get_user_model

from stories.choices import THEMES, ChangeStatus
from stories.demo import create_demo_content
from stories.models import ChangeRecord, StoryPage


def test_demo_content_is_complete_and_idempotent(home_page, client):
    out = io.StringIO()
    create_demo_content(out, {})
    create_demo_content(out, {})

    live = StoryPage.objects.live()
    assert live.count() >= 8
    assert StoryPage.objects.filter(live=False).count() == 1  # one draft awaiting consent
    for field, _ in THEMES.values():
        assert live.filter(**{field: True}).exists(), field
    assert live.filter(show_no_name=True).count() == 1
    assert all(not story.consent_problems() for story in live)
    assert ChangeRecord.objects.count() == 6
    assert set(ChangeRecord.objects.values_list("status", flat=True)) == set(ChangeStatus.values)
    users = get_user_model().objects.filter(username__in=["storyteller", "moderator"])
    assert {user.groups.get().name for user in users} == {"Storytellers", "Moderators"}
    assert "'storyteller' with password" in out.getvalue()
    assert client.get("/stories/").status_code == 200
    assert client.get("/you-said-we-did/").status_code == 200
    assert client.get("/stories/feed/").status_code == 200
