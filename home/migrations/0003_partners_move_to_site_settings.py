"""The home page's partners move to the site settings, the one list of partners.

Each home page's partners are copied, in order, into the settings of the sites it is the root
of (or of the default site), unless those settings already name partners; then the inline goes.
Reversing copies the settings' partners back to the home page.
"""

from django.db import migrations


def settings_for(apps, home):
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("sitewide", "SiteSettings")
    sites = list(Site.objects.filter(root_page_id=home.pk)) or list(
        Site.objects.filter(is_default_site=True)
    )
    return [SiteSettings.objects.get_or_create(site=site)[0] for site in sites]


def forwards(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    HomePagePartner = apps.get_model("home", "HomePagePartner")
    SiteSettingsPartner = apps.get_model("sitewide", "SiteSettingsPartner")
    for home in HomePage.objects.all():
        rows = list(HomePagePartner.objects.filter(page=home).order_by("sort_order", "pk"))
        if not rows:
            continue
        for site_settings in settings_for(apps, home):
            if SiteSettingsPartner.objects.filter(site_settings=site_settings).exists():
                continue
            SiteSettingsPartner.objects.bulk_create(
                SiteSettingsPartner(
                    site_settings=site_settings,
                    organisation_id=row.organisation_id,
                    sort_order=order,
                )
                for order, row in enumerate(rows)
            )


def backwards(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    HomePagePartner = apps.get_model("home", "HomePagePartner")
    SiteSettingsPartner = apps.get_model("sitewide", "SiteSettingsPartner")
    for home in HomePage.objects.all():
        for site_settings in settings_for(apps, home)[:1]:
            rows = SiteSettingsPartner.objects.filter(site_settings=site_settings)
            HomePagePartner.objects.bulk_create(
                HomePagePartner(page=home, organisation_id=row.organisation_id, sort_order=order)
                for order, row in enumerate(rows.order_by("sort_order", "pk"))
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("sitewide", "0001_site_settings"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="HomePagePartner"),
    ]
