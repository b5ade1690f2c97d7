"""The project's URLs plus one that fails, to see the 500 page a reader would get."""

from django.urls import path

from storyofprogress.urls import urlpatterns as project_urlpatterns


def broken_view(request):
    raise RuntimeError("Deliberate failure for the 500 page test")


urlpatterns = [path("test-only/server-error/", broken_view), *project_urlpatterns]
