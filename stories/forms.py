"""Forms: the public story filters and the story editor's publishing checks."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from opportunities.choices import Level

from .choices import THEMES

# The editor's buttons that ask for a story to go live, now or after review.
GOING_LIVE_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class StoryFilterForm(forms.Form):
    """Checks ``?theme=`` and ``?level=`` before they reach a query."""

    theme = forms.ChoiceField(
        required=False,
        label="What the story is about",
        choices=[("", "All themes"), *((value, label) for value, (_, label) in THEMES.items())],
    )
    level = forms.ChoiceField(
        required=False,
        label="Way of taking part",
        choices=[("", "All ways"), *Level.choices],
    )

    def filter(self, queryset):
        """Narrow ``queryset`` by the valid choices; call after ``is_valid()``."""
        data = getattr(self, "cleaned_data", {})
        if theme := data.get("theme"):
            queryset = queryset.filter(**{THEMES[theme][0]: True})
        if level := data.get("level"):
            queryset = queryset.filter(level=level)
        return queryset


class StoryPageForm(WagtailAdminPageForm):
    """Lets a story be saved as a draft at any time, but not sent live without consent.

    Saving a draft runs with Wagtail's deferred validation. Publishing, sending for
    review and a moderator's "Approve" all need the consent record, the storyteller's
    approval of the final text and a name choice. ``StoryPage.publish`` checks again,
    for anything that publishes without this form.
    """

    def is_going_live(self):
        if self.is_deferred_validation:
            return False
        if any(self.data.get(action) for action in GOING_LIVE_ACTIONS):
            return True
        return bool(
            self.data.get("action-workflow-action")
            and self.data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("show_no_name"):
            # Keep no name at all, not even in the draft's revision history.
            cleaned_data["display_name"] = ""
        if not self.is_going_live():
            return cleaned_data
        if not cleaned_data.get("consent_date"):
            self.add_error(
                "consent_date", "Add the date the storyteller said yes to sharing their story."
            )
        if not cleaned_data.get("consent_method"):
            self.add_error("consent_method", "Choose how the storyteller said yes.")
        if not cleaned_data.get("storyteller_approved"):
            self.add_error(
                "storyteller_approved",
                "Tick this only when the storyteller has read and approved this final text.",
            )
        if (
            not cleaned_data.get("show_no_name")
            and not (cleaned_data.get("display_name") or "").strip()
        ):
            self.add_error(
                "display_name",
                "Give the name to show (a made-up name is fine), or tick 'Share without a name'.",
            )
        if self.errors:
            raise forms.ValidationError(
                "This story cannot go live yet. Record the storyteller's consent and their "
                "approval of the final text in the 'Consent' tab first. You can still save "
                "it as a draft."
            )
        return cleaned_data
