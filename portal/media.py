"""Uploaded images, served by the portal itself when they are kept by the site.

With a bucket (``AWS_STORAGE_BUCKET_NAME``) image addresses point at the bucket and this
view is never asked. Without one, the files sit in ``MEDIA_ROOT`` and nothing else
serves them: every picture on the site and every thumbnail in the admin would be
missing. This view reads them through Django's storage, so it works wherever the
files are kept.

Only images are served here. Documents are always sent through Wagtail's own view
(``/documents/``), which checks who may see them and makes the browser download them.
"""

import mimetypes
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

IMAGE_FOLDERS = ("original_images/", "images/")
ONE_DAY = 24 * 60 * 60


@require_safe
def serve_image(request, path):
    if posixpath.normpath(path) != path or not path.startswith(IMAGE_FOLDERS):
        raise Http404
    try:
        upload = default_storage.open(path, "rb")
    except (FileNotFoundError, SuspiciousFileOperation, ValueError) as error:
        raise Http404 from error
    content_type, _ = mimetypes.guess_type(path)
    response = FileResponse(upload, content_type=content_type or "application/octet-stream")
    # A rendition's name changes with its content, so browsers may keep it.
    response["Cache-Control"] = f"public, max-age={ONE_DAY}"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
