import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0005_signups_coordinators_group"),
        ("stories", "0002_storytellers_group_and_story_review"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryOpportunity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "opportunitypage",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="opportunities.opportunitypage",
                        verbose_name="opportunity",
                    ),
                ),
                (
                    "storypage",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opportunity_links",
                        to="stories.storypage",
                    ),
                ),
            ],
            options={
                "verbose_name": "opportunity",
                "verbose_name_plural": "opportunities",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ChangeRecordOpportunity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "changerecord",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opportunity_links",
                        to="stories.changerecord",
                    ),
                ),
                (
                    "opportunitypage",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="opportunities.opportunitypage",
                        verbose_name="opportunity",
                    ),
                ),
            ],
            options={
                "verbose_name": "opportunity",
                "verbose_name_plural": "opportunities",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="storypage",
            name="storyteller_agrees",
            field=models.BooleanField(
                default=False,
                help_text="Tick this when you are happy for anyone to read your story on this "
                "website. You can save a draft without ticking it.",
                verbose_name="I agree this story can be published",
            ),
        ),
    ]
