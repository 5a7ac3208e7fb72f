"""Browser tests: Playwright driving Debian's Chromium against a live server.

They skip when /usr/bin/chromium is missing, except under CI (``CI`` set), where a
missing browser is a failure: CI must really run them.
"""

import os
from pathlib import Path

import pytest

from portal.bulk_pages import index_at_the_end
from portal.demo import create_home_page, create_information_pages, create_site_settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# How long a step or an assertion waits for the page. A save in the admin writes the
# page, its revision, the search index and the audit log; on a busy two-core CI machine
# that has taken more than Playwright's 5-second default for an assertion.
STEP_TIMEOUT_MS = 20_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Each test gets back the rows migrations made (root page, locale, groups).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def browser(demo_site):
    """A fresh Chromium for each test.

    It starts after the test database and the live server, and stops before them:
    while Playwright's event loop runs, Django hands the test thread other database
    connection objects, so the database must be set up and flushed outside it.
    """
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)."
        if os.environ.get("CI"):
            pytest.fail(message + " CI must run the browser tests.")
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT_MS)

    # Playwright's sync API keeps an event loop running in the test thread; the ORM
    # calls that tests make there are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo page tree, served by a live server the browser can reach."""
    with index_at_the_end():
        home = create_home_page()
        create_site_settings(home, create_information_pages(home))
    return live_server


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page):
    """Run axe-core for WCAG 2.2 A and AA; return a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
    ]


def sideways_scroll(page):
    """How many pixels the page scrolls sideways (0 when it fits its screen)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def page_problems(page):
    """What is wrong with the page on its screen: axe's violations, and any sideways scroll."""
    problems = axe_violations(page)
    overflow = sideways_scroll(page)
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px")
    return problems


def assert_no_horizontal_scroll(page):
    overflow = sideways_scroll(page)
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


STAFF_PASSWORD = "a-long-passphrase-9"


class ConsoleWatch:
    """Everything that went wrong in the browser: console errors (a script the Content
    Security Policy refused among them), uncaught exceptions and failed requests.

    Wagtail's editor autosaves while required fields are still empty and is answered
    400; those background requests are expected and left out, by their URL.
    """

    def __init__(self, page):
        self.problems = []
        self.ignored_urls = set()
        page.on("response", self.on_response)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))

    def on_response(self, response):
        if response.status < 400:
            return
        request = response.request
        in_background = request.resource_type in {"fetch", "xhr"}
        if response.status == 400 and request.method == "POST" and in_background:
            # An autosave of a form that is not yet complete.
            self.ignored_urls.add(response.url)
            return
        self.problems.append(f"{response.status} {request.method} {response.url}")

    def on_console(self, message):
        if message.type != "error" and "Content Security Policy" not in message.text:
            return
        if message.location.get("url") in self.ignored_urls:
            return
        self.problems.append(f"console: {message.text} ({message.location.get('url')})")

    def assert_clean(self):
        problems = [
            problem
            for problem in self.problems
            if not any(url in problem for url in self.ignored_urls)
        ]
        assert problems == [], "\n".join(problems)


@pytest.fixture
def staff_user(db):
    """Make a staff user in the named groups (or a superuser with ``superuser=True``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(username, *groups, superuser=False, first_name="", last_name=""):
        users = get_user_model().objects
        create = users.create_superuser if superuser else users.create_user
        user = create(
            username,
            f"{username}@example.org",
            STAFF_PASSWORD,
            first_name=first_name or username.title(),
            last_name=last_name,
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def log_in(browser, demo_site):
    """Log a user in to the admin in a fresh desktop Chromium; the page it returns has
    ``page.watch`` (a ConsoleWatch) started before the first request."""
    contexts = []

    def start(user, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=demo_site.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(STEP_TIMEOUT_MS)
        page.watch = ConsoleWatch(page)
        page.goto("/admin/login/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield start
    for context in contexts:
        context.close()


def publish_opportunity(title="Walking group", slug="walking-group", **fields):
    """A live opportunity under the catalogue (made if missing), with plain facts."""
    from opportunities.models import (
        Area,
        EngagementType,
        OpportunityIndexPage,
        OpportunityPage,
        OrganisingGroup,
    )
    from portal.models import HomePage

    index = OpportunityIndexPage.objects.first() or HomePage.objects.get().add_child(
        instance=OpportunityIndexPage(title="Opportunities", slug="opportunities")
    )
    values = {
        "summary": "A gentle walk and a cup of tea.",
        "level": "group",
        "engagement_type": EngagementType.objects.order_by("sort_order").first(),
        "area": Area.objects.get_or_create(name="Browser Town", slug="browser-town")[0],
        "organising_group": OrganisingGroup.objects.get_or_create(
            name="Browser Group", slug="browser-group"
        )[0],
        "commitment": "one-off",
        "time_estimate": "About 2 hours",
        "contact_email": "team@example.org",
        **fields,
    }
    page = index.add_child(instance=OpportunityPage(title=title, slug=slug, **values))
    page.save_revision().publish()
    return page
