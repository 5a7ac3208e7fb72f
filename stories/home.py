"""Home-page section from the stories: the latest ones."""


def home_context(home_page, request):
    return {}
