"""A small site in which every purge has something it must reach and something it must leave:
two sections, the same vision statement in both, and two sources made by two organisations,
each cited by one page only.

    home
    └── Story of Progress
        ├── Experiences
        │   ├── Family      (statement 1) cites "Hearing children", made by Care Inspectorate
        │   └── Education   (statement 2) cites "School records", made by Education Scotland
        └── Organisational progress
            └── Family      (statement 1) cites nothing
"""

from dataclasses import dataclass

from wagtail.models import Page

from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    source_link,
)

ROOT = "http://localhost"
LISTINGS_OF_PAGES = {"/library/", "/feeds/updates.rss", "/feeds/updates.atom", "/sitemap.xml"}
LISTINGS_OF_SOURCES = {
    "/evidence/",
    "/evidence/sources/",
    "/evidence/organisations/",
    "/library/",
    "/feeds/updates.rss",
    "/feeds/updates.atom",
    "/sitemap.xml",
}
LISTINGS_OF_ORGANISATIONS = {
    "/evidence/",
    "/evidence/organisations/",
    "/evidence/sources/",
    "/library/",
    "/sitemap.xml",
}
HOME = "/"
STORY = "/story-of-progress/"
EXPERIENCES = "/story-of-progress/experiences/"
ORGANISATIONAL = "/story-of-progress/organisational-progress/"
FAMILY = "/story-of-progress/experiences/family/"
EDUCATION = "/story-of-progress/experiences/education/"
OTHER_FAMILY = "/story-of-progress/organisational-progress/family/"
HEARING = "/evidence/sources/hearing-children/"
SCHOOL = "/evidence/sources/school-records/"
INSPECTORATE = "/evidence/organisations/care-inspectorate/"
EDUCATION_SCOTLAND = "/evidence/organisations/education-scotland/"

#: Every public URL of the site that the page cache keeps.
CACHED_URLS = [
    HOME,
    STORY,
    EXPERIENCES,
    ORGANISATIONAL,
    FAMILY,
    EDUCATION,
    OTHER_FAMILY,
    HEARING,
    SCHOOL,
    INSPECTORATE,
    EDUCATION_SCOTLAND,
    "/indicators/",
    *sorted(LISTINGS_OF_SOURCES | LISTINGS_OF_ORGANISATIONS),
]


def urls(*groups) -> set[str]:
    """Full URLs on the test site from paths and sets of paths."""
    paths = set()
    for group in groups:
        paths |= {group} if isinstance(group, str) else set(group)
    return {f"{ROOT}{path}" for path in paths}


@dataclass(frozen=True)
class Site:
    """Primary keys only: tests load fresh instances, change them, and are rolled back."""

    home: int
    story: int
    experiences: int
    organisational: int
    family: int
    education: int
    other_family: int
    hearing: int
    school: int
    inspectorate: int
    education_scotland: int
    statement: int

    @staticmethod
    def page(pk: int) -> Page:
        return Page.objects.get(pk=pk).specific


def publish(page):
    page.save_revision().publish()
    return page


def cites(source) -> list:
    return [narrative(f"<p>As {source_link(source, 'this source')} shows.</p>")]


def build_site() -> Site:
    home = make_home_page()
    story = publish(StoryIndexPageFactory(parent=home))
    experiences = publish(SectionPageFactory(parent=story, title="Experiences", slug="experiences"))
    organisational = publish(SectionPageFactory(parent=story))
    inspectorate = OrganisationFactory(name="Care Inspectorate", slug="care-inspectorate")
    education_scotland = OrganisationFactory(name="Education Scotland", slug="education-scotland")
    hearing = SourceFactory(
        title="Hearing children", slug="hearing-children", organisations=[inspectorate]
    )
    school = SourceFactory(
        title="School records", slug="school-records", organisations=[education_scotland]
    )
    family_statement = VisionStatementFactory(short_name="Family")
    family = publish(
        VisionStatementPageFactory(
            parent=experiences,
            title="Family",
            slug="family",
            vision_statement=family_statement,
            body=cites(hearing),
        )
    )
    education = publish(
        VisionStatementPageFactory(
            parent=experiences,
            title="Education",
            slug="education",
            vision_statement=VisionStatementFactory(short_name="Education"),
            body=cites(school),
        )
    )
    other_family = publish(
        VisionStatementPageFactory(
            parent=organisational, title="Family", slug="family", vision_statement=family_statement
        )
    )
    return Site(
        home=home.pk,
        story=story.pk,
        experiences=experiences.pk,
        organisational=organisational.pk,
        family=family.pk,
        education=education.pk,
        other_family=other_family.pk,
        hearing=hearing.pk,
        school=school.pk,
        inspectorate=inspectorate.pk,
        education_scotland=education_scotland.pk,
        statement=family_statement.pk,
    )
