"""Existing quizzes, self-checks and mixes stay exactly as the public sees them: each becomes live (the default of
the new `live` field) with one initial revision, its published version, so that history, compare and rollback start
from it. And the three types get the moderation workflow pages use ("Moderators approval", the workflow of the root
page), so that an editor's change goes live only when a moderator approves it."""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

MODELS = ("quiz", "selfcheck", "mix")


def _object_str(name, obj):
    if name == "mix":
        return f"{obj.substance_a.title} + {obj.substance_b.title}"
    return obj.title


def initial_revisions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("campaigns", name)
        content_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model=name)
        for obj in model.objects.filter(latest_revision__isnull=True):
            obj.live = True
            obj.has_unpublished_changes = False
            obj.first_published_at = obj.first_published_at or now
            obj.last_published_at = now
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(obj.pk),
                created_at=now,
                user=None,
                object_str=_object_str(name, obj)[:255],
                content=get_serializable_data_for_fields(obj),
            )
            model.objects.filter(pk=obj.pk).update(
                live=True,
                has_unpublished_changes=False,
                first_published_at=obj.first_published_at,
                last_published_at=now,
                latest_revision=revision,
                live_revision=revision,
            )


def remove_revisions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    cts = ContentType.objects.filter(app_label="campaigns", model__in=MODELS)
    for name in MODELS:
        apps.get_model("campaigns", name).objects.update(latest_revision=None, live_revision=None)
    Revision.objects.filter(base_content_type__in=cts).delete()


def moderators_workflow(apps):
    """The workflow of the root page (Wagtail's default "Moderators approval"), or one like it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root = WorkflowPage.objects.filter(page__depth=1, workflow__active=True).select_related("workflow").first()
    if root is not None:
        return root.workflow
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return None
    workflow = Workflow.objects.filter(name="Moderators approval", active=True).first()
    if workflow is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name="Moderators approval", content_type=content_type, active=True
        )
        task.groups.set([moderators])
        workflow = Workflow.objects.create(name="Moderators approval", active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = moderators_workflow(apps)
    if workflow is None:
        return
    for name in MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model=name)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def unassign_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__in=ContentType.objects.filter(app_label="campaigns", model__in=MODELS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_health_snippets_lifecycle"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(initial_revisions, remove_revisions),
        migrations.RunPython(assign_workflow, unassign_workflow),
    ]
