"""The seed's catalogue entry (seed 004) is cited exactly as the seed prints it, everywhere."""

import html
import re

import pytest

from citations.models import Citation
from evidence.models import Source

SEED_CITATION = (
    "Sharp, C., McLaughlin, D., Whitley, J., & Lawson, K. (2022). How do we know we are doing "
    "good work? Collective Leadership for Scotland."
)
SLUG = "how-do-we-know-we-are-doing-good-work"


def citation_texts(content: str) -> list[str]:
    """The text of every `<p class="citation">`: what "Copy citation" copies."""
    return [
        html.unescape(text)
        for text in re.findall(r'<p class="citation"[^>]*>(.*?)</p>', content, re.DOTALL)
    ]


@pytest.mark.django_db
def test_the_seed_source_is_cited_as_the_seed_prints_it(demo_site, client):
    source = Source.objects.get(slug=SLUG)
    assert source.citation == SEED_CITATION

    page = client.get(source.public_url)
    assert page.status_code == 200
    assert citation_texts(page.content.decode()) == [SEED_CITATION]

    library = client.get("/library/", {"organisation": "collective-leadership-for-scotland"})
    assert library.status_code == 200
    assert SEED_CITATION in citation_texts(library.content.decode())

    citing = Citation.objects.filter(source=source, in_live_version=True).first().page
    story_page = client.get(citing.url)
    assert story_page.status_code == 200
    assert SEED_CITATION in citation_texts(story_page.content.decode())

    ris = client.get(f"/library/sources/{SLUG}/citation.ris").content.decode()
    assert "TI  - How do we know we are doing good work?" in ris
    assert "AU  - Sharp, C." in ris and "AU  - Lawson, K." in ris and "PY  - 2022" in ris
    bib = client.get(f"/library/sources/{SLUG}/citation.bib").content.decode()
    assert "Sharp, C. and McLaughlin, D. and Whitley, J. and Lawson, K." in bib
