"""The read API's world, built once per module: live evidence cited by a live page, and a
draft page, a restricted page, a draft and an unpublished source and an unpublished
organisation that nothing public may show; and how the tests read the API."""

from types import SimpleNamespace

import pytest

from wagtail.models import PageViewRestriction

from indicators.loading import create_indicator
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    organisation_link,
    part,
    source_link,
)
from tests.module_data import built_once

API = "/api/v2"
SECRET = "Zebrafinch"
PAGE_FIELDS = "vision_statement,section,parts"  # in every title nothing public may show


def publish(page):
    page.save_revision().publish()
    return page


def build_world() -> SimpleNamespace:
    home = make_home_page()
    story = publish(StoryIndexPageFactory(parent=home, title="Story of Progress"))
    section = publish(
        SectionPageFactory(parent=story, title="Organisational progress", lens="organisational")
    )
    maker = OrganisationFactory(name="Care Inspectorate", slug="care-inspectorate")
    hidden_maker = OrganisationFactory(name=f"{SECRET} Council", live=False, publish=False)
    source = SourceFactory(
        title="Hearing children",
        slug="hearing-children",
        authors="Sharp, C.\nLawson, K.",
        year=2023,
        url="https://example.org/hearing",
        organisations=[maker, hidden_maker],
    )
    other = SourceFactory(title="Another report", resource_type="data_set", year=2021)
    draft_source = SourceFactory(title=f"{SECRET} draft ledger", live=False, publish=False)
    unpublished_source = SourceFactory(title=f"{SECRET} withdrawn ledger")
    unpublished_source.unpublish()
    statement = VisionStatementFactory(number=7, short_name="Family")
    body = (
        f"<p>Children say {source_link(source, 'they are heard')}, "
        f"{organisation_link(maker, 'inspectors')} agree, and "
        f"{source_link(draft_source, 'a draft says more')} and "
        f"{source_link(unpublished_source, 'a withdrawn one too')}; "
        f"{source_link(source, 'again')}.</p>"
    )
    page = publish(
        VisionStatementPageFactory(
            parent=section,
            title="Family",
            slug="family",
            vision_statement=statement,
            summary="Families are supported.",
            body=[part("What is being tried", "moderate", "Small numbers."), narrative(body)],
        )
    )
    restricted = publish(
        VisionStatementPageFactory(
            parent=section,
            title=f"{SECRET} restricted page",
            slug="restricted",
            vision_statement=VisionStatementFactory(short_name="Restricted statement"),
            body=[narrative(f"<p>{source_link(other, 'only here')}</p>")],
        )
    )
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    indicator = create_indicator(
        name="Children living at home",
        what_it_measures="Children supported to live with their families.",
        why_it_matters="Families stay together.",
        definition="Share of children on supervision orders living at home.",
        unit="%",
        source=source,
        illustrative=True,
        rows=[("2019", "62"), ("2020", "64"), ("2020", "48", "16 to 17")],
        breakdown_label="Age group",
    )
    draft_indicator = create_indicator(
        name=f"{SECRET} draft indicator",
        what_it_measures="x",
        why_it_matters="x",
        definition="x",
        unit="%",
        source=source,
        rows=[("2019", "1")],
        publish=False,
    )
    draft_page = VisionStatementPageFactory(
        parent=section,
        title=f"{SECRET} draft page",
        slug="draft",
        vision_statement=VisionStatementFactory(short_name="Draft statement"),
        live=False,
    )
    return SimpleNamespace(
        home=home,
        story=story,
        section=section,
        page=page,
        restricted=restricted,
        draft_page=draft_page,
        statement=statement,
        maker=maker,
        hidden_maker=hidden_maker,
        source=source,
        other=other,
        draft_source=draft_source,
        unpublished_source=unpublished_source,
        indicator=indicator,
        draft_indicator=draft_indicator,
    )


@pytest.fixture(scope="module")
def world_in_module(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(world_in_module, db):
    return world_in_module


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response["Content-Type"] == "application/json"
    return response


def data(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(listing) -> list[int]:
    return [item["id"] for item in listing["items"]]
