"""Uploaded documents wait for a reviewer before the public can download them (issue 13).

Wagtail serves a document only after checking the view restrictions of its collection
(`wagtail.documents.wagtail_hooks.check_view_restrictions`), so review is built from Wagtail's
own parts, with no view of ours:

- "Awaiting review": a collection restricted to the Editors, Reviewers and Site administrators
  groups (anyone else is sent to the admin login). It is the only collection where Editors may
  add documents, so every upload by an editor lands there; Wagtail's upload form hides the
  collection field when a user may add to one collection only.
- "Published documents": an unrestricted collection. Only Reviewers and Site administrators
  (change/add on the root collection, from 0003) may put a document there; "releasing" a
  document is changing its collection. Editors may add to no collection but "Awaiting review",
  and Wagtail's edit form and "Add to collection" bulk action offer only collections the user
  may add to, so an editor cannot move a document out of review.
- Editors keep `choose_document` on the root collection, so they can still link any document,
  released or not, in rich text; the link to an unreleased one is not served to the public.

Documents uploaded before this migration stay where they were (the root collection, public).
Idempotent (it finds what it made by name); reversing gives Editors back "add" on the root
collection and deletes the two collections only when they are empty, since deleting a collection
deletes its documents and images.
"""

from django.db import migrations

AWAITING_REVIEW = "Awaiting review"
PUBLISHED = "Published documents"
RESTRICTED_TO = ["Editors", "Reviewers", "Site administrators"]

#: django-treebeard's materialised path for Collection: four base-36 digits a level.
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    verb = codename.split("_", 1)[0]
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {verb} document"}
    )[0]


def child_path(Collection, parent):
    """The next free path under `parent`: historical models lack treebeard's add_child."""
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = ALPHABET[digit] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def child_collection(Collection, root, name):
    collection = Collection.objects.filter(depth=root.depth + 1, name=name).first()
    if collection is None:
        collection = Collection.objects.create(
            name=name, path=child_path(Collection, root), depth=root.depth + 1, numchild=0
        )
        root.numchild = Collection.objects.filter(depth=root.depth + 1).count()
        root.save(update_fields=["numchild"])
    return collection


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    awaiting = child_collection(Collection, root, AWAITING_REVIEW)
    child_collection(Collection, root, PUBLISHED)

    restriction = CollectionViewRestriction.objects.filter(collection=awaiting).first()
    if restriction is None:
        restriction = CollectionViewRestriction(collection=awaiting)
    restriction.restriction_type = "groups"
    restriction.password = ""
    restriction.save()
    restriction.groups.set(Group.objects.filter(name__in=RESTRICTED_TO))

    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        add_document = permission(apps, "add_document")
        GroupCollectionPermission.objects.filter(
            group=editors, permission=add_document
        ).exclude(collection=awaiting).delete()
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=awaiting, permission=add_document
        )
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root, permission=permission(apps, "choose_document")
        )


def backwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Document = apps.get_model("wagtaildocs", "Document")
    Image = apps.get_model("wagtailimages", "Image")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        add_document = permission(apps, "add_document")
        GroupCollectionPermission.objects.filter(group=editors, permission=add_document).delete()
        GroupCollectionPermission.objects.create(
            group=editors, collection=root, permission=add_document
        )
    for name in (AWAITING_REVIEW, PUBLISHED):
        collection = Collection.objects.filter(depth=root.depth + 1, name=name).first()
        if collection is None or collection.numchild:
            continue
        members = (Document.objects.filter(collection=collection).exists()
                   or Image.objects.filter(collection=collection).exists())
        if not members:
            collection.delete()  # its view restriction and permissions go with it
    root.numchild = Collection.objects.filter(depth=root.depth + 1).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("story", "0003_editorial_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
