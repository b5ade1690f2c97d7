"""A small catalogue with every case the library must tell apart: live, draft and withdrawn
sources; a draft organisation; citations in live pages, in a draft only and in a private page."""

from types import SimpleNamespace

import pytest

from wagtail.models import PageViewRestriction

from evidence.models import Source
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
from tests.module_data import built_once

Type = Source.ResourceType


def cite(section, statement, *sources, publish=True):
    body = [narrative("".join(f"<p>{source_link(source)}</p>" for source in sources))]
    page = VisionStatementPageFactory(
        parent=section, title=f"Page on {statement.short_name}", vision_statement=statement
    )
    page.body = body
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture(scope="module")
def catalogue_for_module(django_db_setup, django_db_blocker):
    """Built once for the module (`tests.module_data`): dozens of tests read it."""
    with built_once(django_db_blocker):
        yield build_catalogue(make_home_page())


@pytest.fixture
def catalogue(catalogue_for_module, db):
    return catalogue_for_module


def build_catalogue(home_page) -> SimpleNamespace:
    care = OrganisationFactory(name="Care Inspectorate")
    promise = OrganisationFactory(name="The Promise Scotland")
    hidden = OrganisationFactory(name="Hidden Draft Body", live=False, publish=False)
    alpha = SourceFactory(
        title="Alpha inspection", resource_type=Type.INSPECTION, year=2022, organisations=[care]
    )
    beta = SourceFactory(
        title="Beta report", resource_type=Type.REPORT, year=2024, organisations=[care, promise]
    )
    gamma = SourceFactory(
        title="Gamma data", resource_type=Type.DATA_SET, year=2024, organisations=[promise]
    )
    delta = SourceFactory(
        title="delta insight",
        resource_type=Type.QUALITATIVE_INSIGHT,
        year=None,
        organisations=[promise, hidden],
    )
    draft = SourceFactory(
        title="Draft report", year=2024, organisations=[care], live=False, publish=False
    )
    withdrawn = SourceFactory(title="Withdrawn report", year=2023, organisations=[care])
    withdrawn.unpublish()

    family, care_vs, education, justice, secret = (
        VisionStatementFactory(number=number, short_name=name)
        for number, name in [
            (1, "Family"),
            (2, "Care"),
            (3, "Education"),
            (8, "Justice"),
            (9, "Secret"),
        ]
    )
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    cite(section, family, alpha, beta)
    cite(section, care_vs, gamma)
    cite(section, education, delta, publish=False)  # a draft: cites nothing in public yet
    cite(section, justice, draft, withdrawn)  # live page citing sources that are not live
    private = cite(section, secret, alpha)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return SimpleNamespace(
        care=care,
        promise=promise,
        hidden=hidden,
        alpha=alpha,
        beta=beta,
        gamma=gamma,
        delta=delta,
        draft=draft,
        withdrawn=withdrawn,
        live_sources=[alpha, beta, delta, gamma],
    )
