"""The demo loader names the three partners in the demo site's settings, once."""

import pytest

from django.core.management import call_command

from wagtail.models import Site

from sitewide.models import SiteSettings

pytestmark = pytest.mark.django_db


def partner_slugs() -> list[str]:
    site_settings = SiteSettings.objects.get(site=Site.objects.get(is_default_site=True))
    return [row.organisation.slug for row in site_settings.partners.all()]


def test_demo_settings_name_the_three_partners_in_order(demo_site, client):
    assert partner_slugs() == ["cosla", "scottish-government", "the-promise-scotland"]
    html = client.get("/").content.decode()
    assert (
        'is developed by <a href="/evidence/organisations/cosla/">COSLA</a>, '
        '<a href="/evidence/organisations/scottish-government/">Scottish Government</a> and '
        '<a href="/evidence/organisations/the-promise-scotland/">The Promise Scotland</a>.'
    ) in html


def test_loading_again_keeps_an_editors_partners(demo_site):
    site_settings = SiteSettings.objects.get()
    site_settings.partners.filter(organisation__slug="scottish-government").delete()
    site_settings.site_name = "Edited"
    site_settings.save()
    call_command("load_demo_content", "--no-users", verbosity=0)
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.objects.get().site_name == "Edited"
    assert partner_slugs() == ["cosla", "the-promise-scotland"]
