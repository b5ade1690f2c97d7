"""The evidence audit's lists (`citations.audit`) as the tests read them: their URLs, their
rows and their CSV downloads."""

import csv
import io

from django.urls import reverse

URLS = {
    "citations": "citations_citation_modeladmin_index",
    "not_live": "citations_notlivecitation_modeladmin_index",
    "learning": "citations_learningwithoutsources_modeladmin_index",
    "uncited": "citations_uncitedsource_modeladmin_index",
    "no_link": "citations_sourcewithoutlink_modeladmin_index",
    "no_sources": "citations_organisationwithoutsources_modeladmin_index",
}


def url(name: str) -> str:
    return reverse(URLS[name])


def publish(page):
    page.save_revision().publish()
    return page


def rows(response) -> list:
    assert response.status_code == 200
    return list(response.context["object_list"])


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))
