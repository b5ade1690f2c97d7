from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.library_index, name="index"),
    path("library.csv", views.library_csv, name="csv"),
    path("library.ris", views.library_citations, {"extension": "ris"}, name="ris"),
    path("library.bib", views.library_citations, {"extension": "bib"}, name="bibtex"),
    path(
        "sources/<slug:slug>/citation.ris",
        views.source_citation,
        {"extension": "ris"},
        name="source_ris",
    ),
    path(
        "sources/<slug:slug>/citation.bib",
        views.source_citation,
        {"extension": "bib"},
        name="source_bibtex",
    ),
]
