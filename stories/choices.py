"""Fixed vocabularies for stories and change records."""

from django.db import models

# A story's themes are the four motivations people give for taking part. The URL
# values are the catalogue's (``/stories/?theme=belonging``); each theme is stored as
# one boolean column, like the catalogue's tick boxes, so it filters the same way on
# SQLite and PostgreSQL. URL value -> (model field name, label shown to the public).
THEMES = {
    "development": ("theme_development", "Learning and growing"),
    "purpose": ("theme_purpose", "Purpose and routine"),
    "belonging": ("theme_belonging", "Belonging and friendship"),
    "giving-back": ("theme_giving_back", "Giving something back"),
}


class ConsentMethod(models.TextChoices):
    TICKED = "ticked", "Ticked 'I agree' in the story editor"
    WRITTEN = "written", "Signed a written consent form"
    VERBAL = "verbal", "Said yes out loud (verbal), and we wrote it down"
    EMAIL = "email", "Said yes by e-mail"


class ChangeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"
    NOT_DOING = "not-doing", "Not doing"


NO_NAME_LABEL = "Shared without a name"
