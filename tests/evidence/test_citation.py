from evidence.citation import format_apa_citation, join_authors


def test_seed_catalogue_entry_matches_apa():
    citation = format_apa_citation(
        authors=["Sharp, C.", "McLaughlin, D.", "Whitley, J.", "Lawson, K."],
        organisations=["Collective Leadership for Scotland"],
        year=2022,
        title="How do we know we are doing good work?",
    )
    assert citation == (
        "Sharp, C., McLaughlin, D., Whitley, J., & Lawson, K. (2022). "
        "How do we know we are doing good work? Collective Leadership for Scotland."
    )


def test_organisation_as_author_is_not_repeated_as_publisher():
    citation = format_apa_citation(
        authors=[],
        organisations=["Care Inspectorate"],
        year=None,
        title="Insight",
        link="https://x.org",
    )
    assert citation == "Care Inspectorate. (n.d.). Insight. https://x.org"


def test_join_authors():
    assert join_authors([]) == ""
    assert join_authors(["A."]) == "A."
    assert join_authors(["A.", "B."]) == "A., & B."


def test_override_wins(db):
    from tests.factories import SourceFactory

    source = SourceFactory(citation_override="  Custom citation.  ")
    assert source.citation == "Custom citation."
