"""A national data world, built once per module that asks for it (`tests.module_data`): a
story with a national data section and an organisational one, a source made by an organisation,
two published indicators (over time with a breakdown; one period by area) and a vision statement
page showing the first."""

import pytest

from indicators.loading import create_indicator
from story.models import SectionPage
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    part,
)
from tests.module_data import built_once

NATIONAL_DATA = SectionPage.Lens.QUANTITATIVE
OVER_TIME = [
    ("2019", "62", ""),
    ("2020", "63.5", ""),
    ("2021", "61", ""),
    ("2022", "66.25", ""),
    ("2019", "48", "16 to 17"),
    ("2020", "50", "16 to 17"),
    ("2022", "55.5", "16 to 17"),
    ("2019", "70", "18 to 21"),
    ("2020", "71", "18 to 21"),
    ("2021", "69", "18 to 21"),
    ("2022", "74", "18 to 21"),
]
BY_AREA = [("2024", "1250", "Glasgow City"), ("2024", "310", "Fife"), ("2024", "45", "Orkney")]


def indicator_block(indicator, introduction="", commentary="") -> dict:
    return {
        "type": "indicator",
        "value": {
            "indicator": indicator.pk,
            "introduction": introduction,
            "commentary": commentary,
        },
    }


def build_world() -> dict:
    home = make_home_page()
    index = StoryIndexPageFactory(parent=home)
    national = SectionPageFactory(
        parent=index,
        title="National data",
        slug="national-data",
        lens=SectionPage.Lens.QUANTITATIVE,
    )
    organisational = SectionPageFactory(parent=index)
    maker = OrganisationFactory(name="Scottish Government")
    source = SourceFactory(
        title="Care leavers statistics 2022", resource_type="data_set", organisations=[maker]
    )
    over_time = create_indicator(
        name="Care leavers in work or study",
        what_it_measures="The share of young people leaving care who are in work or study.",
        why_it_matters="Work and study shape the years after care.",
        definition="Care leavers in work, education or training, of all care leavers.",
        unit="%",
        source=source,
        breakdown_label="Age group",
        illustrative=True,
        rows=OVER_TIME,
    )
    by_area = create_indicator(
        name="Children looked after",
        what_it_measures="Children looked after by each local authority.",
        unit="children",
        source=source,
        frequency="annual",
        breakdown_label="Local authority",
        rows=BY_AREA,
    )
    statement = VisionStatementFactory(number=5, short_name="Moving on")
    page = VisionStatementPageFactory(
        parent=national,
        title="Moving on",
        slug="moving-on",
        vision_statement=statement,
        body=[
            part("What the figures show", "moderate"),
            narrative("<p>Most young people leaving care are in work or study.</p>"),
            indicator_block(over_time, "<p>Look at the youngest.</p>", "<p>It rose.</p>"),
        ],
    )
    for each in (index, national, organisational, page):
        each.save_revision().publish()
        each.refresh_from_db()
    return {
        "home": home,
        "index": index,
        "national": national,
        "organisational": organisational,
        "statement": statement,
        "source": source,
        "maker": maker,
        "over_time": over_time,
        "by_area": by_area,
        "page": page,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        yield build_world()
