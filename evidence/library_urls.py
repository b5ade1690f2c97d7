from django.urls import path

from evidence import library

app_name = "library"

urlpatterns = [
    path("", library.library_index, name="index"),
    path("library.csv", library.library_csv, name="csv"),
    path("library.ris", library.library_ris, name="ris"),
    path("library.bib", library.library_bibtex, name="bibtex"),
    path("sources/<slug:slug>/citation.ris", library.source_ris, name="source_ris"),
    path("sources/<slug:slug>/citation.bib", library.source_bibtex, name="source_bibtex"),
]
