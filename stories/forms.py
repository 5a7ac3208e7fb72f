"""Forms: the public story filters and the story editor's publishing checks."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from opportunities.choices import Level
from portal.listing import ListingFilterForm

from .choices import THEMES
from .consent import consent_from_tick

# The editor's buttons that ask for a story to go live, now or after review.
GOING_LIVE_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class StoryFilterForm(ListingFilterForm):
    """Checks ``?theme=`` and ``?level=`` before they reach a query."""

    theme = forms.ChoiceField(
        required=False,
        label="What the story is about",
        choices=[("", "All themes"), *((value, label) for value, (_, label) in THEMES.items())],
        error_messages={"invalid_choice": "Choose a theme from the list. We showed every theme."},
    )
    level = forms.ChoiceField(
        required=False,
        label="Way of taking part",
        choices=[("", "All ways"), *Level.choices],
        error_messages={
            "invalid_choice": "Choose a way of taking part from the list. We showed every way."
        },
    )

    def filter_theme(self, queryset, theme):
        return queryset.filter(**{THEMES[theme][0]: True})

    def filter_level(self, queryset, level):
        return queryset.filter(level=level)


class StoryPageForm(WagtailAdminPageForm):
    """Lets a story be saved as a draft at any time, but not sent live without consent.

    Saving a draft runs with Wagtail's deferred validation. Sending for review,
    publishing and a moderator's "Approve" need a short summary, a name choice and
    consent. Storytellers give consent by ticking "I agree" on their own words; on
    their own story, that tick also records their approval of this text. Moderators
    (who see the staff-only checks) need the consent record and the approval of the
    final text.
    ``StoryPage.publish`` checks again, for anything that publishes without this form.
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

    @property
    def shows_consent_checks(self):
        """Moderators and superusers see the consent checks; storytellers do not."""
        return "storyteller_approved" in self.fields

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("show_no_name"):
            # Keep no name at all, not even in the draft's revision history.
            cleaned_data["display_name"] = ""
        agrees = bool(cleaned_data.get("storyteller_agrees"))
        if self.shows_consent_checks:
            cleaned_data["consent_date"], cleaned_data["consent_method"] = consent_from_tick(
                agrees, cleaned_data.get("consent_date"), cleaned_data.get("consent_method")
            )
        elif self.for_user is not None and self.instance.owner_id == self.for_user.pk:
            # The storyteller's own "I agree", on the words they send, approves them.
            self.instance.storyteller_approved = agrees
        if not self.is_going_live():
            return cleaned_data
        if not (cleaned_data.get("summary") or "").strip():
            self.add_error("summary", "Write one or two sentences about the story.")
        if (
            not cleaned_data.get("show_no_name")
            and not (cleaned_data.get("display_name") or "").strip()
        ):
            self.add_error(
                "display_name",
                "Write the name to show (a made-up name is fine), or tick 'Do not show any name'.",
            )
        if self.shows_consent_checks:
            self.check_consent_record(cleaned_data)
        elif not agrees:
            self.add_error(
                "storyteller_agrees",
                "Tick this box if you agree your story can be published. "
                "You can still save it as a draft.",
            )
        if self.errors:
            raise forms.ValidationError(
                "This story cannot go live yet. Look at the 'Consent' tab"
                + (" and the 'Moderator checks' tab" if self.shows_consent_checks else "")
                + ". You can still save it as a draft."
            )
        return cleaned_data

    def check_consent_record(self, cleaned_data):
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
