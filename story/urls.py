from django.urls import path

from story import views

app_name = "story"

urlpatterns = [
    path(
        "cite/page/<int:page_id>.<str:extension>",
        views.page_citation,
        name="page_citation",
    ),
]
