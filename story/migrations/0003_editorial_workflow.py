"""Groups, permissions and the "Story of Progress review" workflow, on every fresh database.

Nothing may go live unreviewed, so this migration also closes the routes Wagtail's own initial
data leaves open:

- Wagtail's "Editors" group is reused under the same name, but stripped to our editor rights:
  add and edit pages, sources and organisations, upload and choose images and documents.
  No publish permission anywhere, no delete of snippets, no change/delete of images and
  documents (those have no workflow, so changing one would change live pages unreviewed).
  With `change_page` but not `publish_page`, Wagtail lets an editor delete or move only
  pages that have never gone live.
- Wagtail's "Moderators" group (publish on the whole tree) becomes "Reviewers", so no group
  with publish rights is left outside our design.
- The default "Moderators approval" workflow is unassigned and deactivated; ours is assigned
  to the root page (the whole site, and so the Story of Progress tree, on a database where
  that tree does not exist yet) and to the Source and Organisation snippets.

Page permissions sit on the root page for the same reason: the tree is created later by
editors or by `load_demo_content`.
"""

from django.db import migrations

WORKFLOW_NAME = "Story of Progress review"
TASK_NAME = "Reviewers approval"

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("evidence", "source", "add_source"),
    ("evidence", "source", "change_source"),
    ("evidence", "source", "view_source"),
    ("evidence", "organisation", "add_organisation"),
    ("evidence", "organisation", "change_organisation"),
    ("evidence", "organisation", "view_organisation"),
    ("story", "visionstatement", "view_visionstatement"),
]
REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("evidence", "source", "publish_source"),
    ("evidence", "source", "delete_source"),
    ("evidence", "source", "lock_source"),
    ("evidence", "source", "unlock_source"),
    ("evidence", "organisation", "publish_organisation"),
    ("evidence", "organisation", "delete_organisation"),
    ("evidence", "organisation", "lock_organisation"),
    ("evidence", "organisation", "unlock_organisation"),
]
ADMINISTRATOR_PERMISSIONS = [
    *REVIEWER_PERMISSIONS,
    ("story", "visionstatement", "add_visionstatement"),
    ("story", "visionstatement", "change_visionstatement"),
    ("story", "visionstatement", "delete_visionstatement"),
    ("wagtailcore", "workflow", "add_workflow"),
    ("wagtailcore", "workflow", "change_workflow"),
    ("wagtailcore", "workflow", "delete_workflow"),
    ("wagtailcore", "task", "add_task"),
    ("wagtailcore", "task", "change_task"),
    ("wagtailcore", "task", "delete_task"),
    ("auth", "user", "add_user"),
    ("auth", "user", "change_user"),
    ("auth", "user", "delete_user"),
]

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]
ADMINISTRATOR_PAGE_PERMISSIONS = [*REVIEWER_PAGE_PERMISSIONS, "bulk_delete_page"]

EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]
REVIEWER_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "delete_image"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "delete_document"),
]

GROUPS = {
    "Editors": (EDITOR_PERMISSIONS, EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS),
    "Reviewers": (
        REVIEWER_PERMISSIONS,
        REVIEWER_PAGE_PERMISSIONS,
        REVIEWER_COLLECTION_PERMISSIONS,
    ),
    "Site administrators": (
        ADMINISTRATOR_PERMISSIONS,
        ADMINISTRATOR_PAGE_PERMISSIONS,
        REVIEWER_COLLECTION_PERMISSIONS,
    ),
}


def permission(apps, app_label, model, codename):
    """The permission, created if post_migrate has not made it yet (it runs after us)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    verb = codename.split("_", 1)[0]
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {verb} {model}"},
    )[0]


def reviewers_group(Group):
    """Reviewers: an existing group of that name, else Wagtail's Moderators renamed."""
    group = Group.objects.filter(name="Reviewers").first()
    if group is None:
        group = Group.objects.filter(name="Moderators").first()
        if group is None:
            return Group.objects.create(name="Reviewers")
        group.name = "Reviewers"
        group.save()
    return group


def configure_groups(apps, root_page, root_collection):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = {}
    for name, (model_perms, page_perms, collection_perms) in GROUPS.items():
        if name == "Reviewers":
            group = reviewers_group(Group)
        else:
            group = Group.objects.get_or_create(name=name)[0]
        group.permissions.set([permission(apps, *spec) for spec in model_perms])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in page_perms:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for spec in collection_perms:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=permission(apps, *spec)
                )
        groups[name] = group
    return groups


def configure_workflow(apps, root_page, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("wagtailcore", "Task")
    ReviewTask = apps.get_model("story", "ReviewTask")

    # Every other workflow loses its assignments and is switched off, so our workflow is the
    # only one that applies; their history stays.
    others = Workflow.objects.exclude(name=WORKFLOW_NAME)
    WorkflowPage.objects.filter(workflow__in=others).delete()
    WorkflowContentType.objects.filter(workflow__in=others).delete()
    Task.objects.filter(workflow_tasks__workflow__in=others).update(active=False)
    others.update(active=False)

    task = ReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ReviewTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=ContentType.objects.get_or_create(app_label="story", model="reviewtask")[
                0
            ],
        )
    task.groups.set([reviewers])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    for model in ("source", "organisation"):
        content_type = ContentType.objects.get_or_create(app_label="evidence", model=model)[0]
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = configure_groups(apps, root_page, root_collection)
    configure_workflow(apps, root_page, groups["Reviewers"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("evidence", "0001_initial"),
        ("story", "0002_review_task"),
    ]

    # Reversing would have to guess which permissions existed before; keep the data instead.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
