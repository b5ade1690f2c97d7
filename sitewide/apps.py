from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = "Site-wide"

    def ready(self):
        from wagtail.images import get_image_model

        from sitewide.models import SiteSettings, SiteSettingsPartner, SiteSettingsSuggestedSearch
        from story import generation

        # Every page shows the site settings (partners with their logos), kept in the shared
        # cache until they change (`SiteSettings.for_reader`).
        generation.watch(
            SiteSettings, SiteSettingsPartner, SiteSettingsSuggestedSearch, get_image_model()
        )
