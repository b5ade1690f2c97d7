from search.highlight import excerpt, highlight, stem, term_pattern


def test_marks_every_match_case_insensitively_by_stem():
    pattern = term_pattern(["inspections"])
    assert str(highlight("Inspection and inspecting", pattern)) == (
        "<mark>Inspection</mark> and <mark>inspecting</mark>"
    )


def test_everything_is_escaped_and_only_marks_are_added():
    pattern = term_pattern(["script"])
    html = str(highlight('<script>alert("x")</script> & more', pattern))
    assert "<script" not in html
    assert html.startswith("&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)")
    assert "&amp; more" in html


def test_query_metacharacters_are_literal_in_the_pattern():
    pattern = term_pattern(["a.b", "c*"])
    assert str(highlight("axb a.b cc c*", pattern)) == "axb <mark>a.b</mark> cc <mark>c*</mark>"


def test_no_terms_means_no_marks():
    assert term_pattern([]) is None
    assert str(highlight("<b>", None)) == "&lt;b&gt;"


def test_excerpt_is_a_window_around_the_first_match():
    text = (
        " ".join(f"word{n}" for n in range(200)) + " needle " + " ".join("tail" for _ in range(100))
    )
    result = str(excerpt(text, term_pattern(["needle"])))
    assert "<mark>needle</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")
    assert len(result) < 320


def test_excerpt_without_a_match_starts_at_the_beginning():
    assert str(excerpt("short text", term_pattern(["absent"]))) == "short text"


def test_stem():
    words = ["reports", "caring", "cared", "boxes", "is", "inspections"]
    assert [stem(word) for word in words] == ["report", "car", "car", "box", "is", "inspect"]


def test_excerpt_tidies_the_commas_the_index_puts_between_blocks():
    assert str(excerpt("First block., Second block.", None)) == "First block. Second block."
