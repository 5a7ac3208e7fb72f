from django.db import migrations

# The seven types of engagement from the HMPPS evidence synthesis, in plain words.
ENGAGEMENT_TYPES = [
    ("Consultation and feedback", "consultation-feedback", "Telling a service what you think, through a survey, a review or a conversation."),
    ("Forums, councils or panels", "forums-councils-panels", "Meeting regularly with others to speak up about a service and agree what should change."),
    ("Peer-led work", "peer-led", "Supporting other people, using what you have been through yourself."),
    ("Service design and delivery", "service-design-delivery", "Helping to plan, shape or run a service alongside staff."),
    ("Recruitment and governance", "recruitment-governance", "Helping choose and train staff, or having a say in how a service is run."),
    ("Research, quality and monitoring", "research-quality-monitoring", "Finding things out, checking how well a service works and reporting what you found."),
    ("User-led organisations", "user-led-organisations", "Groups run by people with lived experience, for people with lived experience."),
]


def seed(apps, schema_editor):
    EngagementType = apps.get_model("opportunities", "EngagementType")
    for order, (name, slug, description) in enumerate(ENGAGEMENT_TYPES):
        EngagementType.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


def unseed(apps, schema_editor):
    EngagementType = apps.get_model("opportunities", "EngagementType")
    EngagementType.objects.filter(slug__in=[slug for _, slug, _ in ENGAGEMENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
