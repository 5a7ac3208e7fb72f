"""Forms for sign-ups: the public form, and the forms staff use in the inbox."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page, get_page_models

from .models.signup_mixin import SignUpPageMixin
from .models.signups import ContactMethod, SignUp, SignUpStatus, Source
from .phones import is_mobile, normalise_uk_phone

HONEYPOT_FIELD = "website"

CONTACT_HINTS = {
    ContactMethod.EMAIL: "Your e-mail address",
    ContactMethod.PHONE: "Your phone number",
    ContactMethod.TEXT: "Your mobile number",
}


# Letters that show nothing on screen, though Unicode files them as letters (Hangul fillers).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# Joiners that some scripts need between letters; other format characters are dropped.
JOINERS = frozenset("\u200c\u200d")


def without_invisible_characters(text):
    """``text`` without control and format characters (zero-width spaces, direction
    marks, byte-order marks), which people paste by accident and cannot see."""
    return "".join(
        char for char in text if char in JOINERS or unicodedata.category(char) not in ("Cc", "Cf")
    )


def has_visible_letter(text):
    return any(
        unicodedata.category(char).startswith("L") and char not in BLANK_LETTERS for char in text
    )


class LinkableRadioSelect(forms.RadioSelect):
    """Radios whose group "id" is the first radio's, so an error summary can link to it."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, 0 if index is None else index)


def clean_contact(cleaned_data, add_error):
    """Check the contact detail against the chosen method; normalise it in place."""
    method = cleaned_data.get("contact_method")
    detail = (cleaned_data.get("contact_detail") or "").strip()
    if method == ContactMethod.EMAIL:
        if not detail:
            add_error("contact_detail", "Enter your e-mail address")
            return
        try:
            validate_email(detail)
        except ValidationError:
            add_error(
                "contact_detail",
                "Enter an e-mail address in the right format, like name@example.com",
            )
            return
        cleaned_data["contact_detail"] = detail
    elif method in (ContactMethod.PHONE, ContactMethod.TEXT):
        if not detail:
            add_error("contact_detail", "Enter your phone number")
            return
        number = normalise_uk_phone(detail)
        if number is None:
            add_error(
                "contact_detail",
                "Enter a UK phone number, like 07700 900123 or 0161 496 0000",
            )
            return
        if method == ContactMethod.TEXT and not is_mobile(number):
            add_error(
                "contact_detail",
                "Enter a mobile number for text messages, like 07700 900123",
            )
            return
        cleaned_data["contact_detail"] = number
    elif method == ContactMethod.WORKER:
        # Contact goes through the worker, so the person's own detail is not kept.
        cleaned_data["contact_detail"] = ""
        worker_name = (cleaned_data.get("worker_name") or "").strip()
        worker_contact = (cleaned_data.get("worker_contact") or "").strip()
        if not worker_name:
            add_error("worker_name", "Enter your worker's name")
        if not worker_contact:
            add_error("worker_contact", "Enter your worker's phone number or e-mail address")
        elif "@" in worker_contact:
            try:
                validate_email(worker_contact)
            except ValidationError:
                add_error(
                    "worker_contact",
                    "Enter your worker's e-mail address in the right format, like name@example.org",
                )
        else:
            number = normalise_uk_phone(worker_contact)
            if number is None:
                add_error(
                    "worker_contact",
                    "Enter your worker's UK phone number or e-mail address",
                )
            else:
                cleaned_data["worker_contact"] = number
    if method != ContactMethod.WORKER:
        cleaned_data["worker_name"] = ""
        cleaned_data["worker_contact"] = ""


def one_line(text):
    """``text`` on one line: invisible characters dropped, runs of white space made one."""
    return " ".join(without_invisible_characters(text).split())


class ContactForm(forms.Form):
    """What the public forms that keep a way to reach someone share: the person's name,
    how to reach them (or their support or key worker), the checks on those details, and
    a hidden field that catches bots.

    A subclass adds its own questions and names in ``field_order`` those that come before
    the shared fields (the error summary follows the fields' order; the subclass's other
    fields come after the shared ones). It may give a shared field its own hint in
    ``help_texts``.
    """

    help_texts = {}

    preferred_name = forms.CharField(
        label="What should we call you?",
        help_text="Any name you like. It does not have to be your full or legal name.",
        max_length=100,
        error_messages={
            "required": "Enter the name you want us to use",
            "max_length": "Name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    contact_detail = forms.CharField(
        label="Your e-mail address or phone number",
        help_text="For e-mail, a phone call or a text. Leave empty if we should contact your worker.",
        required=False,
        max_length=254,
        error_messages={"max_length": "This must be 254 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "on", "spellcheck": "false"}),
    )
    worker_name = forms.CharField(
        label="Your worker's name",
        help_text="Only if we should contact you through your support or key worker.",
        required=False,
        max_length=100,
        error_messages={"max_length": "Your worker's name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    worker_contact = forms.CharField(
        label="Your worker's phone number or e-mail address",
        required=False,
        max_length=254,
        error_messages={"max_length": "This must be 254 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    # Hidden from people (and from screen readers); bots tend to fill it in.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in self.help_texts.items():
            self.fields[name].help_text = text

    def clean_preferred_name(self):
        return one_line(self.cleaned_data["preferred_name"])

    def clean_contact_detail(self):
        # An address or number copied from a message often carries invisible marks.
        return without_invisible_characters(self.cleaned_data["contact_detail"])

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


class SignUpForm(ContactForm):
    """The public sign-up form: one short page. Never asks about offences."""

    # Then the shared contact fields, then support needs, hearing the outcome and consent.
    field_order = ["preferred_name", "contact_method"]

    contact_method = forms.ChoiceField(
        label="How should we contact you?",
        choices=ContactMethod.choices,
        widget=LinkableRadioSelect,
        error_messages={
            "required": "Choose how we should contact you",
            "invalid_choice": "Choose how we should contact you",
        },
    )
    support_needs = forms.CharField(
        label="Is there anything that would help you take part? (optional)",
        help_text="For example, a quiet room, help with reading, step-free access or "
        "bringing someone with you.",
        required=False,
        max_length=1000,
        error_messages={"max_length": "This must be 1000 characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    wants_outcome = forms.BooleanField(
        label="Tell me what changes because of this (optional)",
        help_text="When we change something because of what people said here, we will "
        "tell you once, the same way we contact you.",
        required=False,
    )
    consent = forms.BooleanField(
        label="I agree that you can keep these details to contact me about this.",
        error_messages={"required": "Tick the box to say you agree, so we can contact you"},
    )

    def clean_preferred_name(self):
        name = super().clean_preferred_name()
        if not name:
            raise ValidationError("Enter the name you want us to use")
        if not has_visible_letter(name):
            raise ValidationError("Enter a name with at least one letter in it")
        return name

    def clean_support_needs(self):
        return self.cleaned_data["support_needs"].strip()

    def clean(self):
        cleaned_data = super().clean()
        clean_contact(cleaned_data, self.add_error)
        return cleaned_data


def sign_up_page_models():
    """Every page model that takes sign-ups (opportunities now, events later)."""
    return [model for model in get_page_models() if issubclass(model, SignUpPageMixin)]


class StaffSignUpForm(WagtailAdminModelForm):
    """A sign-up taken by phone or on paper, entered by a coordinator."""

    source = forms.ChoiceField(
        label="How was it taken?",
        choices=[(Source.PHONE, Source.PHONE.label), (Source.PAPER, Source.PAPER.label)],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SignUp
        fields = [
            "page",
            "preferred_name",
            "contact_method",
            "contact_detail",
            "worker_name",
            "worker_contact",
            "support_needs",
            "wants_outcome",
            "source",
            "consent",
            "consent_method",
            "staff_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = (
            Page.objects.live().type(*sign_up_page_models()).order_by("title")
        )
        self.fields["page"].required = True
        self.fields["page"].label = "Opportunity"
        self.fields["consent"].required = True
        self.fields["consent"].label = "The person agreed that we can keep these details"
        self.fields["consent_method"].required = True

    def clean(self):
        cleaned_data = super().clean()
        clean_contact(cleaned_data, self.add_error)
        return cleaned_data


class StatusChangeForm(forms.Form):
    """Change a sign-up's status in one step, with an optional note for the history."""

    status = forms.ChoiceField(
        label="New status", choices=SignUpStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note (optional)",
        help_text="What happened, e.g. 'Phoned, will come on Tuesday'. Never write about offences.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    staff_notes = forms.CharField(
        label="Staff notes",
        help_text="Kept with the sign-up. Only what is needed to arrange taking part.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# A sign-up's id as the list sends it: plain digits, small enough for any database.
SIGN_UP_ID = re.compile(r"[1-9][0-9]{0,17}")
BULK_LIMIT = 500


class SignUpChoiceField(forms.ModelMultipleChoiceField):
    """Ticked sign-ups, by id. Anything that is not an id from the list is refused
    before it reaches the database."""

    def clean(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        if len(values) > BULK_LIMIT:
            raise ValidationError(f"Choose {BULK_LIMIT} sign-ups or fewer at a time")
        if any(not SIGN_UP_ID.fullmatch(str(item)) for item in values):
            raise ValidationError("Choose sign-ups from the list")
        return super().clean(value)


class BulkStatusForm(forms.Form):
    """Change the status of several sign-ups in one step, ticked in the list."""

    sign_ups = SignUpChoiceField(
        queryset=SignUp.objects.all(),
        error_messages={
            "required": "Tick the sign-ups you want to change",
            "invalid_choice": "Some of the ticked sign-ups no longer exist. Tick them again",
            "invalid_pk_value": "Choose sign-ups from the list",
        },
    )
    status = forms.ChoiceField(
        label="New status",
        choices=[("", "Choose a status"), *SignUpStatus.choices],
        error_messages={
            "required": "Choose the new status",
            "invalid_choice": "Choose the new status",
        },
    )
    note = forms.CharField(
        label="Note for each history (optional)",
        help_text="For example 'Invited to the May session'. Never write about offences.",
        required=False,
        max_length=1000,
        error_messages={"max_length": "The note must be 1000 characters or fewer"},
    )


class PersonSearchForm(forms.Form):
    """Find everything held about one person (sent by POST, so it never enters a URL)."""

    term = forms.CharField(
        label="Reference, e-mail address or phone number",
        max_length=254,
        help_text="The reference looks like K7M-4QX. The e-mail address or phone number must match exactly.",
    )
