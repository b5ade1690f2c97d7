from django.urls import path

from evidence import library

app_name = "library"

urlpatterns = [
    path("", library.library_index, name="index"),
    path("library.csv", library.library_csv, name="csv"),
    path("library.ris", library.library_citations, {"extension": "ris"}, name="ris"),
    path("library.bib", library.library_citations, {"extension": "bib"}, name="bibtex"),
    path(
        "sources/<slug:slug>/citation.ris",
        library.source_citation,
        {"extension": "ris"},
        name="source_ris",
    ),
    path(
        "sources/<slug:slug>/citation.bib",
        library.source_citation,
        {"extension": "bib"},
        name="source_bibtex",
    ),
]
