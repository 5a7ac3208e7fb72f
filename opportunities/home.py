"""Home-page sections from the catalogue: featured opportunities and the next events."""


def home_context(home_page, request):
    return {}
