"""Factories for every model the tests build. Snippets are created live (published)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.core.cache import cache

from wagtail.models import Page, Site

from evidence.models import Organisation, Source
from home.models import HomePage
from story.models import SectionPage, StoryIndexPage, VisionStatement, VisionStatementPage


class PublishedSnippetFactory(DjangoModelFactory):
    """Creates the row and publishes a first revision, as the admin would on publish."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()


class OrganisationFactory(PublishedSnippetFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NATIONAL_BODY
    live = True


class SourceFactory(PublishedSnippetFactory):
    """`organisations=[...]` goes to the model (a `ParentalManyToManyField`), so the row is saved
    with them before its first revision: the published revision includes them, and no save after
    publishing writes stale draft state back over the published row."""

    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    resource_type = Source.ResourceType.REPORT
    year = 2024
    live = True


class VisionStatementFactory(DjangoModelFactory):
    class Meta:
        model = VisionStatement

    # Far above the numbers tests give explicitly (the real statements are 1 to 10), so that a
    # test's own `number=7` never collides with one an earlier test in the process drew.
    number = factory.Sequence(lambda n: n + 1001)
    short_name = factory.Sequence(lambda n: f"Vision statement {n + 1001}")
    full_wording = "Children will be supported to stay with their families."
    foundation = "family"


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Story of Progress"
    slug = "story-of-progress"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = "Organisational Progress"
    slug = "organisational-progress"
    lens = SectionPage.Lens.ORGANISATIONAL


class VisionStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VisionStatementPage

    title = factory.Sequence(lambda n: f"Vision statement page {n}")
    vision_statement = factory.SubFactory(VisionStatementFactory)


def source_link(source, text="see the evidence") -> str:
    return f'<a linktype="source" id="{source.pk}">{text}</a>'


def organisation_link(organisation, text="an organisation") -> str:
    return f'<a linktype="organisation" id="{organisation.pk}">{text}</a>'


def narrative(html: str) -> dict:
    return {"type": "narrative", "value": html}


def learning(html: str, kind: str = "learned") -> dict:
    return {"type": "learning", "value": {"kind": kind, "text": html}}


def part(heading="What is being tried", strength="emerging", caveats="") -> dict:
    return {
        "type": "part",
        "value": {"heading": heading, "evidence_strength": strength, "caveats": caveats},
    }


def make_home_page():
    """A HomePage as the default site's root, replacing Wagtail's placeholder page."""
    cache.clear()  # site root paths are cached outside the database
    root = Page.get_first_root_node()
    root.get_children().delete()
    home = HomePageFactory(parent=root, slug="home", title="Home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home
