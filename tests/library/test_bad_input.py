"""Whatever the query string, the library answers with a page or a clear 4xx, never a 500."""

import pytest

from django.urls import reverse

URL = reverse("library:index")
LONG = "x" * 10_000
ALL_LIVE = ["Alpha inspection", "Beta report", "delta insight", "Gamma data"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "note"),
    [
        ({"type": "novel"}, "There is no resource type “novel”."),
        ({"type": LONG}, "There is no resource type “" + "x" * 39 + "…”."),
        ({"organisation": "no-such-body"}, "There is no organisation “no-such-body”."),
        ({"organisation": LONG}, "There is no organisation “" + "x" * 39 + "…”."),
        ({"organisation": "care inspectorate'; --"}, "There is no organisation"),
        ({"year": "abc"}, "“abc” is not a year such as 2024."),
        ({"year": "99999999999"}, "“99999999999” is not a year such as 2024."),
        ({"year": "-2024"}, "“-2024” is not a year such as 2024."),
        ({"year": "２０２４"}, "is not a year such as 2024."),  # full-width digits
        ({"year": LONG}, "is not a year such as 2024."),
        ({"vision": "99"}, "There is no vision statement “99”."),
        ({"vision": "abc"}, "There is no vision statement “abc”."),
        ({"vision": "1e3"}, "There is no vision statement “1e3”."),
        ({"sort": "price"}, "There is no sort order “price”."),
        ({"page": "-1"}, "There is no page “-1”: showing page 1 of 1."),
        ({"page": "abc"}, "There is no page “abc”: showing page 1 of 1."),
        ({"page": "0"}, "There is no page “0”: showing page 1 of 1."),
        ({"page": "99999"}, "There is no page “99999”: showing page 1 of 1."),
        ({"page": "²"}, "There is no page “²”: showing page 1 of 1."),
        ({"page": LONG}, "There is no page “" + "x" * 19 + "…”"),
        ({"organisation": "\x00"}, "There is no organisation"),
    ],
)
def test_bad_values_are_ignored_with_a_visible_note(catalogue, client, query, note):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert [source.title for source in response.context["entries"]] == ALL_LIVE
    content = response.content.decode()
    assert "Some of your choices were ignored" in content
    assert note in content
    assert LONG not in content  # neither echoed in notes nor carried into links


@pytest.mark.django_db
def test_good_filters_survive_next_to_bad_ones(catalogue, client):
    response = client.get(URL, {"type": "report", "year": "abc", "vision": "zzz"})
    assert [source.title for source in response.context["entries"]] == ["Beta report"]
    assert len(response.context["problems"]) == 2


@pytest.mark.django_db
def test_notes_are_escaped(catalogue, client):
    content = client.get(URL, {"type": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.django_db
def test_an_empty_library_is_a_page_too(home_page, client):
    response = client.get(URL, {"page": "2"})
    assert response.status_code == 200
    assert "0 sources" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["csv", "ris", "bibtex"])
@pytest.mark.parametrize(
    "query", [{"type": "novel"}, {"year": "99999999999"}, {"organisation": LONG}, {"sort": "x"}]
)
def test_exports_refuse_bad_filters_with_a_message(catalogue, client, name, query):
    response = client.get(reverse(f"library:{name}"), query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "This export was not made because of its filters" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["source_ris", "source_bibtex"])
@pytest.mark.parametrize("which", ["draft", "withdrawn"])
def test_entry_downloads_of_unpublished_sources_are_404(catalogue, client, name, which):
    slug = getattr(catalogue, which).slug
    assert client.get(reverse(f"library:{name}", args=[slug])).status_code == 404
    assert client.get(reverse(f"library:{name}", args=[catalogue.beta.slug])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["no-such-source/citation.ris", "x/citation.bib", "%E2%80%A6/"])
def test_entry_downloads_of_unknown_sources_are_404(catalogue, client, path):
    assert client.get(f"{URL}sources/{path}").status_code == 404


@pytest.mark.django_db
def test_only_get_and_head(catalogue, client):
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200
