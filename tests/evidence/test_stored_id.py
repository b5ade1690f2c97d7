"""The renderer reads a citation's id as Wagtail reads stored attributes (`extract_attrs`, then
`parse_id`), so that what a page shows is what the reference index and the citation index count."""

import pytest

from wagtail.rich_text.rewriters import extract_attrs

from evidence.rich_text import parse_id, stored_id


@pytest.mark.parametrize(
    "attrs",
    [
        ' linktype="source" id="12"',
        ' id="12" linktype="source"',
        ' linktype="source"',
        ' linktype="source" id=""',
        ' linktype="source" id="²"',
        ' linktype="source" id="1e3"',
        ' linktype="source" data-id="7"',
        ' linktype="source" data-id="7" id="8"',
        ' linktype="source" aid="7"',
        ' linktype="source" id="3" id="4"',
        ' linktype="source" id="&#49;"',
        ' linktype="source" id="1&amp;2"',
        ' linktype="source" title="x" id="5"',
        ' linktype="source"id="6"',
        " linktype=\"source\" id='9'",
        ' linktype="source" ID="10"',
        ' linktype="source" id="0000000001"',
        ' linktype="source" id="1234567890"',
    ],
)
def test_the_id_is_read_as_wagtail_reads_it(attrs):
    assert stored_id(attrs) == parse_id(extract_attrs(attrs))
