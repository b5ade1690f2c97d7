"""evidence.shared_references: each APA reference formatted once for every process, and ahead
of readers when the evidence it is made of changes."""

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse

from evidence import bibliography
from evidence.bibliography import forget_references, reference_key
from evidence.models import Source
from evidence.shared_references import SharedReferences, references_cache
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
    source_link,
)


@pytest.fixture
def shared():
    """The shared references, empty."""
    references_cache().clear()
    yield references_cache()
    references_cache().clear()


def shared_reference_of(source: Source) -> str | None:
    row = Source.objects.filter(pk=source.pk).rows()[source.pk]
    return references_cache().get(reference_key(row.citation_record()))


@pytest.fixture
def library(home_page):
    maker = OrganisationFactory(name="Care Inspectorate")
    return [
        SourceFactory(title="Inspection findings", organisations=[maker], year=2022),
        SourceFactory(title="Data on care", authors="Sharp, C.", year=2023),
        SourceFactory(title="As the editor cites it", citation_override="Editor's own (2020)."),
    ]


@pytest.mark.django_db
def test_an_export_reads_the_references_another_process_formatted(
    library, shared, formatted, client
):
    first = client.get(reverse("library:csv"))
    assert sorted(record.title for record in formatted) == ["Data on care", "Inspection findings"]
    forget_references()  # the next export is served by another worker
    formatted.clear()
    again = client.get(reverse("library:csv"))
    assert formatted == [] and again.content == first.content
    assert "Care Inspectorate. (2022). Inspection findings." in again.content.decode()
    assert "Editor's own (2020)." in again.content.decode()


class CountedReads(SharedReferences):
    def __init__(self):
        self.reads: list[list[str]] = []

    def get_many(self, keys):
        self.reads.append(list(keys))
        return super().get_many(keys)


@pytest.mark.django_db
def test_a_page_reads_the_references_of_its_sources_at_once(
    home_page, shared, formatted, client, monkeypatch
):
    sources = [SourceFactory(title=f"Cited {n}") for n in range(5)]
    page = VisionStatementPageFactory(
        parent=SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page)),
        body=[narrative("".join(f"<p>{source_link(source)}</p>" for source in sources))],
    )
    page.save_revision().publish()
    store = CountedReads()
    monkeypatch.setattr(bibliography, "_store", store)
    assert client.get(page.url).status_code == 200
    reads_of_sources = [keys for keys in store.reads if len(keys) == 5]
    assert len(reads_of_sources) == 1 and len(reads_of_sources[0]) == 5
    assert len(store.reads) == 2  # and "Cite this page" (this version and the page)
    assert len(formatted) == 7  # none of them shared yet


@pytest.mark.django_db
def test_the_api_reads_the_references_of_a_listing_at_once(library, shared, client, monkeypatch):
    store = CountedReads()
    monkeypatch.setattr(bibliography, "_store", store)
    bibliography.forget_references()
    listing = client.get("/api/v2/sources/", {"fields": "citation"}).json()
    assert [len(keys) for keys in store.reads] == [2]  # the editor's own citation is not read
    assert "Care Inspectorate. (2022). Inspection findings." in {
        item["citation"] for item in listing["items"]
    }


@pytest.mark.django_db
def test_a_change_to_evidence_prepares_the_references_it_changes(
    home_page, shared, django_capture_on_commit_callbacks
):
    maker = OrganisationFactory(name="Care Inspectorate")
    source = SourceFactory(title="Inspection findings", organisations=[maker], year=2022)
    with django_capture_on_commit_callbacks(execute=True):
        source.year = 2023
        source.save_revision().publish()
    assert shared_reference_of(source) == "Care Inspectorate. (2023). Inspection findings."
    with django_capture_on_commit_callbacks(execute=True):
        maker.name = "The Care Inspectorate"
        maker.save_revision().publish()  # every source it made is cited by its new name
    assert shared_reference_of(source) == "The Care Inspectorate. (2023). Inspection findings."


@pytest.mark.django_db
def test_a_draft_prepares_nothing(home_page, shared, django_capture_on_commit_callbacks):
    maker = OrganisationFactory(name="Care Inspectorate")
    source = SourceFactory(title="Inspection findings", organisations=[maker], year=2022)
    with django_capture_on_commit_callbacks(execute=True):
        maker.name = "Renamed in a draft"
        maker.save_revision()
        source.title = "Retitled in a draft"
        source.save_revision()
    assert shared_reference_of(source) is None
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
    assert shared_reference_of(source) == "Care Inspectorate. (2022). Retitled in a draft."


@pytest.mark.django_db
def test_prepare_references_formats_what_is_not_shared_yet(library, shared, formatted, capsys):
    shared.clear()
    forget_references()
    call_command("prepare_references")
    assert "3 live sources: 2 references formatted, 0 already shared" in capsys.readouterr().out
    call_command("prepare_references")
    assert "3 live sources: 0 references formatted, 2 already shared" in capsys.readouterr().out
    assert len(formatted) == 2


def test_without_a_references_cache_the_default_one_is_used(settings):
    assert references_cache() is caches["references"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert references_cache() is caches["default"]
