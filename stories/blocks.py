"""StreamField blocks for a story: words, a pull quote, a picture, a video."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from portal.blocks import PortalImageBlock


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        max_length=300,
        help_text="A few words from the story that you want to stand out. Copy them exactly.",
    )

    class Meta:
        icon = "openquote"
        template = "stories/blocks/pull_quote_block.html"
        description = "A short line from the story, shown large"
        preview_value = {"quote": "For the first time in years, someone asked what I thought."}


class StoryImageBlock(PortalImageBlock):
    """A picture that always has a description: a story's pictures are never just decoration."""

    class Meta:
        icon = "image"
        template = "stories/blocks/image_block.html"
        description = "A picture, with a description for people who cannot see it"

    def clean(self, value):
        value = super().clean(value)
        deferred = getattr(self, "is_deferred_validation", False)
        missing_alt = value is not None and (
            value.decorative or not (value.contextual_alt_text or "").strip()
        )
        if missing_alt and not deferred:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe the picture in a few words, for people who cannot "
                        "see it. Pictures in a story are never just decoration."
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        help_text="The web address of the video, e.g. on YouTube or Vimeo. Check it has captions."
    )
    description = blocks.CharBlock(
        max_length=200,
        help_text="Say in one sentence what the video shows. Shown under the video.",
    )

    class Meta:
        icon = "media"
        template = "stories/blocks/video_block.html"
        description = "A video from another website, with a short description"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        template="components/streamfield/blocks/paragraph_block.html",
        description="Text. Short sentences and everyday words work best.",
        help_text="Write the story in your own words. Short sentences are easiest to read.",
    )
    pull_quote = PullQuoteBlock()
    image = StoryImageBlock()
    video = VideoBlock()
