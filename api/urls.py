from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter

from api.openapi import openapi_description
from api.views import (
    IndicatorsAPIViewSet,
    OrganisationsAPIViewSet,
    PublicPagesAPIViewSet,
    SourcesAPIViewSet,
)

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("sources", SourcesAPIViewSet)
router.register_endpoint("organisations", OrganisationsAPIViewSet)
router.register_endpoint("indicators", IndicatorsAPIViewSet)

urlpatterns = [
    path("openapi.json", openapi_description, name="api_openapi"),
    path("", router.urls),
]
