from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_index, name="index"),
    path("sources/", views.source_index, name="source_index"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("organisations/", views.organisation_index, name="organisation_index"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
