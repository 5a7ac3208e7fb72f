"""The Wagtail admin keeps working under the site's Content Security Policy."""

from django.contrib.auth import get_user_model

from .conftest import screenshot


def test_an_editor_logs_in_and_edits_a_page_with_no_policy_violations(browser, demo_site):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-passphrase-9")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    failures = []
    page.on(
        "response",
        lambda r: (
            failures.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 400 else None
        ),
    )
    page.goto(demo_site.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-passphrase-9")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", level=1).first.is_visible()

    # The page editor is the admin's most script-heavy screen.
    from wagtail.models import Page

    content_page = Page.objects.get(slug="how-involvement-works")
    page.goto(f"{demo_site.url}/admin/pages/{content_page.pk}/edit/")
    page.wait_for_selector("[data-w-tabs-target], .w-tabs", timeout=15000)
    title = page.locator("#id_title")
    title.fill("How involvement works for you")
    # Draftail, the rich-text editor, is built by script: it only appears if scripts ran.
    assert page.locator(".Draftail-Editor").first.is_visible()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "admin-page-editor")
    context.close()

    content_page.refresh_from_db()
    assert content_page.get_latest_revision().content["title"] == "How involvement works for you"
    assert violations == []
    assert failures == []
