"""Indicators go through the same review as sources: the "Story of Progress review" workflow
is attached to their content type, and the groups get the same rights on them as on sources
(editors add and change; reviewers also publish, delete, lock and unlock; administrators as
reviewers). The workflow is this app's (0003), so the attachment lives here, above
`indicators`, whose migrations point at no higher app."""

from django.db import migrations

WORKFLOW_NAME = "Story of Progress review"
EDITOR_CODENAMES = ["add_indicator", "change_indicator", "view_indicator"]
REVIEWER_CODENAMES = [
    *EDITOR_CODENAMES,
    "publish_indicator",
    "delete_indicator",
    "lock_indicator",
    "unlock_indicator",
]
GROUPS = {
    "Editors": EDITOR_CODENAMES,
    "Reviewers": REVIEWER_CODENAMES,
    "Site administrators": REVIEWER_CODENAMES,
}

def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    content_type, _ = ContentType.objects.get_or_create(app_label="indicators", model="indicator")
    for name, codenames in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.split('_', 1)[0]} indicator"},
            )
            group.permissions.add(permission)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )

class Migration(migrations.Migration):
    dependencies = [
        ("story", "0006_removed_pages"),
        ("indicators", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
