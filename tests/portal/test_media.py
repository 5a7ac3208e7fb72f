"""Uploaded images are served by the site itself when there is no bucket; nothing else
under the uploads folder is."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images import get_image_model


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Walk", file=ImageFile(io.BytesIO(png_bytes()), name="walk.png")
    )


def test_an_image_and_its_thumbnails_are_served_with_debug_off(client, image, settings):
    assert settings.DEBUG is False
    rendition = image.get_rendition("max-165x165")

    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_documents_and_paths_outside_the_image_folders_are_not_served(client):
    default_storage.save("documents/minutes.pdf", ContentFile(b"%PDF-1.4"))

    assert client.get("/media/documents/minutes.pdf").status_code == 404
    assert client.get("/media/images/../documents/minutes.pdf").status_code == 404
    assert client.get("/media/images/missing.png").status_code == 404
    assert client.post("/media/images/missing.png").status_code == 405
