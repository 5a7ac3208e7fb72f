"""Home-page section from the stories: the latest ones."""

from portal.pagination import first

from .models import StoryPage

HOME_STORY_COUNT = 3


def home_context(home_page, request):
    stories = first(
        StoryPage.objects.descendant_of(home_page)
        .live()
        .public()
        .order_by("-first_published_at", "-pk"),
        HOME_STORY_COUNT,
    )
    return {"latest_stories": stories} if stories else {}
