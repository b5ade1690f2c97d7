"""Site administrators may change the site settings (name, partners, quick exit, footer).

Editors and reviewers may not: a change to the settings goes live at once, with no review.
"""

from django.db import migrations

GROUP = "Site administrators"
CODENAMES = ("change_sitesettings", "view_sitesettings")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    # post_migrate creates permissions after every migration has run: make them now.
    content_type, _ = ContentType.objects.get_or_create(app_label="sitewide", model="sitesettings")
    for codename in CODENAMES:
        verb = codename.split("_", 1)[0]
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {verb} site settings"},
        )
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="sitewide", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sitewide", "0001_site_settings"),
        ("story", "0003_editorial_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
