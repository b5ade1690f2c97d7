"""Loading an indicator's figures from a CSV file in the admin: a good file becomes a draft that
goes through review; a bad one is refused whole, with every problem by line; nothing of it is
saved. Indicators are reviewed like sources (workflow and group rights from the migrations)."""

from decimal import Decimal

import pytest

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from indicators.csv_files import MAX_BYTES
from indicators.models import Indicator
from indicators.series import Row
from tests.workflow.tree import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

GOOD = "period,breakdown,value\n2023,,64\n2023,16 to 17,52.5\n2024,,67.25\n2024,16 to 17,56\n"


def load_url(indicator) -> str:
    return reverse(Indicator.snippet_viewset.get_url_name("load_figures"), args=[indicator.pk])


def edit_url(indicator) -> str:
    return reverse(Indicator.snippet_viewset.get_url_name("edit"), args=[indicator.pk])


def post_file(client, indicator, content: bytes | str, name="figures.csv"):
    content = content.encode() if isinstance(content, str) else content
    return client.post(load_url(indicator), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def editor_client(client):
    client.force_login(make_member("editor", "Editors"))
    return client


@pytest.fixture
def indicator(world):
    return Indicator.objects.get(pk=world["over_time"].pk)


def test_a_good_file_becomes_a_draft_and_readers_see_the_old_figures(
    editor_client, indicator, client
):
    live_rows = indicator.rows
    page = editor_client.get(edit_url(indicator)).content.decode()
    assert load_url(indicator) in page and "Load figures from CSV" in page

    response = post_file(editor_client, indicator, GOOD)
    assert response.status_code == 302 and response.url == edit_url(indicator)
    indicator.refresh_from_db()
    draft = indicator.get_latest_revision_as_object()
    assert draft.rows == [
        Row("2023", Decimal("64")),
        Row("2023", Decimal("52.5"), "16 to 17"),
        Row("2024", Decimal("67.25")),
        Row("2024", Decimal("56"), "16 to 17"),
    ]
    assert indicator.has_unpublished_changes and indicator.rows == live_rows
    assert indicator.latest_revision.user.username == "editor"
    messages = editor_client.get(response.url).content.decode()
    assert "Loaded 4 figures from “figures.csv” into a draft" in messages
    # The reviewer's Compare shows the figures that changed, row by row.
    compare = reverse(
        Indicator.snippet_viewset.get_url_name("revisions_compare"),
        args=[indicator.pk, "live", "latest"],
    )
    comparison = editor_client.get(compare).content.decode()
    assert "Figures" in comparison and "67.25" in comparison
    public = client.get(indicator.public_url).content.decode()
    assert "66.25%" in public and "67.25%" not in public
    # Reviewed as any edit: the editor cannot publish, the review workflow applies.
    assert indicator.get_workflow().name == "Story of Progress review"
    assert (
        not editor_client.get(edit_url(indicator))
        .context["user"]
        .has_perm("indicators.publish_indicator")
    )


def test_a_bad_file_is_refused_whole_with_each_problem(editor_client, indicator):
    revisions = Revision.objects.for_instance(indicator).count()
    response = post_file(editor_client, indicator, "period,value\n2023,64\n2024,6%\n,5\n2023,1\n")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was loaded: fix the problems listed above and try again." in html
    assert "The file was not loaded (2 problems)" in html
    assert "Line 3: “6%”: write the number without “%” (the unit says it)." in html
    assert "Line 4: the period is empty." in html
    assert Revision.objects.for_instance(indicator).count() == revisions


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04", "figures.xlsx", "“figures.xlsx” is not a CSV file."),
        ("period,value\n" + "2019,1\n" * (MAX_BYTES // 7 + 1), "big.csv", "the most is 1,024 KB"),
    ],
    ids=["not-csv", "too-large"],
)
def test_a_file_too_large_or_not_csv_is_refused(editor_client, indicator, content, name, message):
    revisions = Revision.objects.for_instance(indicator).count()
    response = post_file(editor_client, indicator, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Revision.objects.for_instance(indicator).count() == revisions


def test_without_the_right_to_change_indicators_nothing_loads(client, indicator):
    user = make_member("visitor", "Editors")
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    revisions = Revision.objects.for_instance(indicator).count()
    assert post_file(client, indicator, GOOD).status_code in (302, 403)
    assert Revision.objects.for_instance(indicator).count() == revisions


def test_figures_typed_in_the_editor_keep_the_same_rules(editor_client, indicator, world):
    data = nested_form_data(
        {
            "name": indicator.name,
            "slug": indicator.slug,
            "what_it_measures": indicator.what_it_measures,
            "unit": "%",
            "source": world["source"].pk,
            "frequency": "annual",
            "figures": inline_formset(
                [
                    {"period": "2019", "breakdown": "", "value": "1", "ORDER": "1"},
                    {"period": "2019", "breakdown": "", "value": "2", "ORDER": "2"},
                ]
            ),
        }
    )
    response = editor_client.post(edit_url(indicator), data)
    assert response.status_code == 200
    assert "Figure 2: 2019 is given twice (also figure 1)." in response.content.decode()
