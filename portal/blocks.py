"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="A short heading for this part of the page.")
    size = blocks.ChoiceBlock(
        choices=[("h2", "Main heading"), ("h3", "Smaller heading")],
        default="h2",
        help_text="Use a main heading first, then smaller ones inside it.",
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/blocks/heading_block.html"
        description = "A heading that starts a new part of the page"
        preview_value = {"text": "What you will do", "size": "h2"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, help_text="What the button says, e.g. 'See what's on'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site.")
    url = blocks.URLBlock(required=False, help_text="Or a web address, if it is another site.")

    class Meta:
        icon = "link"
        template = "components/streamfield/blocks/call_to_action_block.html"
        description = "A button that takes people to the next step"
        preview_value = {"text": "Find something that suits you", "url": "/opportunities/"}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or give a web address.")}
            )
        return value


class PortalImageBlock(ImageBlock):
    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/image_block.html"
        description = "A picture, with a description for people who cannot see it"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="components/streamfield/blocks/paragraph_block.html",
        description="Text. Keep sentences short and plain.",
    )
    image = PortalImageBlock()
    call_to_action = CallToActionBlock()
