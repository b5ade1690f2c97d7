"""Source link health (issue 16, point 3): `check_source_links` against a real web server on
127.0.0.1 that answers 200, 301, 404, 500 and never; what it records beside each source; the
evidence audit's list of broken and moved links; the source's admin page."""

import csv
import io
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.models import Source, SourceLink
from tests.evidence.link_server import LinkServer
from tests.factories import OrganisationFactory, SourceFactory

AUDIT_URL = "evidence_sourcelink_modeladmin_index"


@pytest.fixture(scope="module")
def link_server():
    server = LinkServer()
    yield server
    server.stop()


@pytest.fixture
def links(link_server, settings):
    settings.LINK_CHECK_DOI_RESOLVER = link_server.url("/doi/")
    link_server.requests.clear()
    link_server.most_in_flight = 0
    return link_server


def check(*args) -> str:
    out = io.StringIO()
    call_command("check_source_links", "--timeout", "0.5", *args, stdout=out)
    return out.getvalue()


def source_at(path_or_url: str, server: LinkServer, **fields) -> Source:
    url = path_or_url if "://" in path_or_url else server.url(path_or_url)
    return SourceFactory(title=f"Source at {path_or_url}", url=url, **fields)


def link_of(source: Source, kind: str = "url") -> SourceLink:
    return SourceLink.objects.get(source=source, kind=kind)


@pytest.mark.django_db
def test_every_kind_of_answer_is_recorded_in_words(links):
    ok = source_at("/ok?direct", links)
    moved = source_at("/moved", links)
    missing = source_at("/missing", links)
    error = source_at("/error", links)
    silent = source_at("/never", links)
    head_refused = source_at("/get-only", links)
    loop = source_at("/loop", links)
    with_doi = SourceFactory(title="Has a DOI", doi="10.1000/xyz")

    output = check()

    assert link_of(ok).status == SourceLink.Status.WORKING
    assert (link_of(ok).http_status, link_of(ok).redirects) == (200, [])
    assert links.seen("/ok?direct") == ["HEAD"]  # no GET when the HEAD succeeds

    moved_link = link_of(moved)
    assert moved_link.status == SourceLink.Status.REDIRECTED
    assert moved_link.final_url == links.url("/ok")
    assert moved_link.redirects == [[301, links.url("/ok")]]
    assert moved_link.in_words == f"Working, but moved to {links.url('/ok')}"

    for source, status, words in (
        (missing, 404, "404 Not Found"),
        (error, 500, "500 Internal Server Error"),
    ):
        link = link_of(source)
        assert (link.status, link.http_status, link.problem) == ("broken", status, words)
        assert link.failing_since == link.checked_at
    assert links.seen("/missing") == ["HEAD", "GET"]  # a failed HEAD is tried again as a GET

    silent_link = link_of(silent)
    assert silent_link.status == SourceLink.Status.BROKEN
    assert silent_link.http_status is None
    assert silent_link.problem == "No answer within 0.5 seconds"

    assert link_of(head_refused).status == SourceLink.Status.WORKING
    assert links.seen("/get-only") == ["HEAD", "GET"]
    assert link_of(loop).problem == "More than 10 redirects"

    doi = link_of(with_doi, "doi")
    assert doi.status == SourceLink.Status.WORKING  # a DOI is meant to redirect
    assert (doi.address, doi.final_url) == ("10.1000/xyz", links.url("/ok"))
    assert not SourceLink.objects.filter(source=with_doi, kind="url").exists()

    agents = {agent for _method, _path, agent in links.requests}
    assert len(agents) == 1
    assert agents.pop().startswith("StoryOfProgressLinkCheck/1.0 (+")
    assert "8 addresses of 8 live sources" in output
    assert "3 working, 1 moved (working, through a redirect), 4 broken." in output
    assert f"Broken: {links.url('/missing')} (404 Not Found)" in output


@pytest.mark.django_db
def test_failing_since_keeps_when_the_failure_began_and_clears_when_fixed(links):
    source = source_at("/missing", links)
    check()
    began = link_of(source).failing_since
    SourceLink.objects.filter(source=source).update(
        failing_since=began - timedelta(days=3), checked_at=began - timedelta(days=3)
    )

    check()
    link = link_of(source)
    assert link.failing_since == began - timedelta(days=3)
    assert link.checked_at > began - timedelta(days=3)

    source.url = links.url("/ok")
    source.save_revision().publish()
    assert not link_of(source).is_current  # an edited address is not reported as checked
    check("--source", str(source.pk))
    link = link_of(source)
    assert (link.status, link.failing_since, link.address) == ("working", None, source.url)


@pytest.mark.django_db
def test_requests_in_flight_are_bounded_per_host(links):
    for number in range(6):
        source_at(f"/slow/{number}", links)
    check("--concurrency", "6", "--per-host", "2")
    assert links.most_in_flight == 2
    assert SourceLink.objects.filter(status="working").count() == 6


@pytest.mark.django_db
def test_only_live_sources_are_checked_and_unpublished_ones_lose_their_status(links):
    draft = source_at("/missing", links, live=False, publish=False)
    gone = source_at("/error", links)
    check()
    assert SourceLink.objects.filter(source=gone).exists()
    gone.unpublish()
    links.requests.clear()

    check()

    assert links.requests == []
    assert not SourceLink.objects.filter(source__in=[draft, gone]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "soon"], "--timeout must be a number, not 'soon'."),
        (["--timeout", "nan"], "--timeout must be a number, not 'nan'."),
        (["--timeout", "121"], "--timeout must be above 0 and at most 120, not 121."),
        (["--concurrency", "0"], "--concurrency must be above 0 and at most 32, not 0."),
        (["--per-host", "٣"], "--per-host must be a number"),
        (["--source", "424242"], "No live source has the id 424242."),
    ],
)
def test_bad_arguments_get_a_clear_message(args, message):
    with pytest.raises(CommandError, match="^" + message.replace(".", r"\.")):
        call_command("check_source_links", *args)


@pytest.mark.django_db
def test_the_audit_lists_broken_and_moved_links_and_the_source_shows_its_status(links, client):
    maker = OrganisationFactory(name="Care Inspectorate")
    missing = source_at("/missing", links, organisations=[maker])
    moved = source_at("/moved", links)
    source_at("/ok", links)
    check()
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "x"))

    listed = client.get(reverse(AUDIT_URL))
    assert listed.status_code == 200
    assert [row.source for row in listed.context["object_list"]] == [missing, moved]
    assert "404 Not Found" in listed.content.decode()

    broken_only = client.get(reverse(AUDIT_URL), {"status": "broken"})
    assert [row.source for row in broken_only.context["object_list"]] == [missing]
    by_maker = client.get(reverse(AUDIT_URL), {"organisation": str(maker.pk)})
    assert [row.source for row in by_maker.context["object_list"]] == [missing]

    exported = client.get(reverse(AUDIT_URL), {"export": "csv"})
    assert exported["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert table[0][:4] == ["Source", "Link", "Address", "What the check found"]
    assert [row[0] for row in table[1:]] == [missing.title, moved.title]
    assert table[1][3] == "Broken: 404 Not Found"
    assert table[1][-2] == "Care Inspectorate"

    editor_page = client.get(reverse("wagtailsnippets_evidence_source:edit", args=[missing.pk]))
    assert editor_page.status_code == 200
    page = editor_page.content.decode()
    assert "Link health" in page
    assert "404 Not Found" in page
    assert "Failing since" in page
