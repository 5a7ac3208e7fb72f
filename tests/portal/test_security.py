"""Security hardening: headers, cookies, sessions, lock-out and uploads."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from freezegun import freeze_time
from wagtail.documents import get_document_model


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        "staff", "staff@example.org", "a-long-passphrase-9"
    )


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (chunk.strip() for chunk in policy.split(";"))
        if part
    }


@pytest.mark.django_db
def test_public_pages_send_security_headers_and_a_strict_content_security_policy(
    client, information_pages
):
    response = client.get("/privacy-notice/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["default-src"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_admin_runs_wagtails_own_scripts_and_can_frame_its_previews_but_nothing_else(
    client, staff
):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_a_public_page_seen_by_a_logged_in_editor_keeps_the_strict_policy(
    client, staff, information_pages
):
    client.force_login(staff)
    response = client.get("/privacy-notice/")
    assert csp_directives(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
@pytest.mark.django_db
def test_https_responses_carry_hsts(client, home_page):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_a_staff_session_ends_after_an_hour_without_activity(client, staff):
    with freeze_time("2027-01-10 09:00"):
        client.force_login(staff)
        assert client.get("/admin/").status_code == 200
    with freeze_time("2027-01-10 09:50"):
        # Still active: each request pushes the expiry on.
        assert client.get("/admin/").status_code == 200
    with freeze_time("2027-01-10 10:51"):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@override_settings(AXES_ENABLED=True)
@pytest.mark.django_db
def test_admin_login_locks_out_after_five_wrong_passwords(client, staff):
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": "staff", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code in (200, 429)
    response = client.post(
        "/admin/login/",
        {"username": "staff", "password": "a-long-passphrase-9"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # The right password from elsewhere still works: the lock is on the pair.
    other = client.post(
        "/admin/login/",
        {"username": "staff", "password": "a-long-passphrase-9"},
        REMOTE_ADDR="10.0.0.10",
    )
    assert other.status_code == 302


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.django_db
def test_svg_images_are_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 200
    assert "File extension “svg” is not allowed" in response.content.decode() or (
        "Not a supported image format" in response.content.decode()
    )
    from wagtail.images import get_image_model

    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_documents_of_other_types_and_oversized_files_are_refused(client, staff, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client.force_login(staff)
    html = client.post(
        "/admin/documents/add/",
        {"title": "Page", "file": SimpleUploadedFile("page.html", b"<script>alert(1)</script>")},
    )
    assert "File extension “html” is not allowed" in html.content.decode()
    big = client.post(
        "/admin/documents/add/",
        {"title": "Big", "file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 4096)},
    )
    assert "This file is too big" in big.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_documents_are_always_downloaded_never_shown_inline(client, home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"%PDF-1.4 minutes", name="minutes.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
