"""The idea box's public form, and the form that turns an idea into a change record."""

from django import forms
from django.core.exceptions import ValidationError

from opportunities.models import Area
from opportunities.models.signups import ContactMethod
from opportunities.signup_forms import (
    ContactForm,
    LinkableRadioSelect,
    clean_contact,
    has_visible_letter,
    one_line,
    without_invisible_characters,
)

from .choices import ChangeStatus

NO_REPLY = "none"


class IdeaForm(ContactForm):
    """What should change, and (only if the person wants) how to tell them what came of it."""

    # Then the shared contact fields, then consent.
    field_order = ["idea", "service", "area", "reply"]
    help_texts = {
        "contact_detail": "Only if you want to hear by e-mail, a phone call or a text.",
        "worker_name": "Only if we should tell you through your support or key worker.",
    }

    idea = forms.CharField(
        label="What should change?",
        help_text="Say it in your own words. Please do not name other people.",
        max_length=2000,
        error_messages={
            "required": "Tell us what should change",
            "max_length": "Your idea must be 2000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    service = forms.CharField(
        label="Which service or place is it about? (optional)",
        help_text="For example a probation office, a prison, a group or this website.",
        required=False,
        max_length=200,
        error_messages={"max_length": "This must be 200 characters or fewer"},
    )
    area = forms.ModelChoiceField(
        label="Which area? (optional)",
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label="Not sure, or anywhere",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    reply = forms.ChoiceField(
        label="Do you want to hear what came of it?",
        choices=[(NO_REPLY, "No, I want to stay anonymous"), *ContactMethod.choices],
        widget=LinkableRadioSelect,
        error_messages={
            "required": "Choose whether you want to hear what came of it",
            "invalid_choice": "Choose whether you want to hear what came of it",
        },
    )
    preferred_name = forms.CharField(
        label="What should we call you? (optional)",
        help_text="Any name you like. Leave it empty to stay anonymous.",
        required=False,
        max_length=100,
        error_messages={"max_length": "Name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label="I agree that you can keep these details to tell me what came of my idea.",
        required=False,
    )

    def clean_idea(self):
        text = without_invisible_characters(self.cleaned_data["idea"]).strip()
        if not has_visible_letter(text):
            raise ValidationError("Tell us what should change")
        return text

    def clean_service(self):
        return one_line(self.cleaned_data["service"])

    def clean(self):
        cleaned_data = super().clean()
        reply = cleaned_data.get("reply")
        if reply == NO_REPLY:
            # Anonymous: nothing that could identify the person is kept.
            for name in ("preferred_name", "contact_detail", "worker_name", "worker_contact"):
                cleaned_data[name] = ""
            cleaned_data["consent"] = False
            return cleaned_data
        if reply:
            cleaned_data["contact_method"] = reply
            clean_contact(cleaned_data, self.add_error)
            if not cleaned_data.get("consent"):
                self.add_error(
                    "consent", "Tick the box to say you agree, so we can tell you what came of it"
                )
        return cleaned_data

    def idea_fields(self):
        """The cleaned answers, as the ``Idea`` model's fields."""
        data = self.cleaned_data
        reply = data["reply"]
        return {
            "idea": data["idea"],
            "service": data["service"],
            "area": data["area"],
            "preferred_name": data["preferred_name"],
            "contact_method": "" if reply == NO_REPLY else reply,
            "contact_detail": data["contact_detail"],
            "worker_name": data["worker_name"],
            "worker_contact": data["worker_contact"],
            "consent": data["consent"],
        }


class TurnIntoChangeForm(forms.Form):
    """One step from an idea to a "you said, we did" record."""

    you_said = forms.CharField(
        label="What people said",
        help_text="Taken from the idea. Take out anything that could identify someone.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what people said"},
    )
    we_did = forms.CharField(
        label="What we did, or are going to do",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what changed or what we are going to change"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[
            (value, label)
            for value, label in ChangeStatus.choices
            if value != ChangeStatus.NOT_DOING
        ],
        initial=ChangeStatus.PLANNED,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
