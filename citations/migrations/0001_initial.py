import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The citation index, moved here from `evidence` (whose 0002 created it pointing at
    `story`, a higher layer). Its rows are derived from pages: `rebuild_evidence_audit` fills
    the new tables, and 0002 drops the old ones on databases that had them."""

    initial = True

    dependencies = [
        ("evidence", "0001_initial"),
        ("story", "0003_editorial_workflow"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UncitedSource",
            fields=[],
            options={
                "verbose_name": "source that no page cites",
                "verbose_name_plural": "sources that no page cites",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("evidence.source",),
        ),
        migrations.CreateModel(
            name="PageEvidenceSummary",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("learning_blocks", models.PositiveIntegerField(default=0)),
                ("cited_sources", models.PositiveIntegerField(default=0)),
                (
                    "vision_statement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="story.visionstatement",
                    ),
                ),
            ],
            options={
                "verbose_name": "page evidence summary",
                "verbose_name_plural": "page evidence summaries",
                "ordering": ["page__path"],
            },
        ),
        migrations.CreateModel(
            name="Citation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "location",
                    models.CharField(
                        help_text="Field and block, e.g. 'body › learning'", max_length=255
                    ),
                ),
                ("in_live_version", models.BooleanField(default=False, verbose_name="live")),
                (
                    "in_latest_version",
                    models.BooleanField(default=False, verbose_name="latest draft"),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="evidence.organisation",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="evidence.source",
                    ),
                ),
                (
                    "vision_statement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="story.visionstatement",
                    ),
                ),
            ],
            options={
                "ordering": ["page__path", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("organisation__isnull", True), ("source__isnull", False)),
                            models.Q(("organisation__isnull", False), ("source__isnull", True)),
                            _connector="OR",
                        ),
                        name="citation_cites_one_thing",
                    )
                ],
            },
        ),
    ]
