"""Site settings for tests: the partners named, in order, on the default site."""

from wagtail.models import Site

from sitewide.models import SiteSettings, SiteSettingsPartner
from tests.factories import OrganisationFactory

PARTNERS = (
    ("Convention of Scottish Local Authorities", "COSLA"),
    ("Scottish Government", ""),
    ("The Promise Scotland", ""),
)


def site_settings_naming(*organisations, **fields) -> SiteSettings:
    """The default site's settings with `organisations` as its partners, in that order."""
    site_settings, _ = SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults=fields
    )
    site_settings.partners.all().delete()
    for order, organisation in enumerate(organisations):
        SiteSettingsPartner.objects.create(
            site_settings=site_settings, organisation=organisation, sort_order=order
        )
    return site_settings


def the_three_partners(**fields) -> SiteSettings:
    """The default site's settings naming COSLA, the Scottish Government and The Promise
    Scotland, as the demo content does."""
    organisations = [
        OrganisationFactory(name=name, short_name=short_name) for name, short_name in PARTNERS
    ]
    return site_settings_naming(*organisations, **fields)
