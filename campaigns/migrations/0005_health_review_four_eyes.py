"""The health review with four eyes (campaigns/review.py): its task type, and a workflow "Relecture santé /
Gezondheidsnazicht" whose one task the Reviewers approve. Quizzes, self-checks and mixes move from the moderation
workflow to it; fact sheets find it by their type (SubstancePage.get_workflow). Names are bilingual data, as the
moderation workflow's (home 0003). Reverse: the three types go back to the moderation workflow."""

import django.db.models.deletion
from django.db import migrations, models

NAME = "Relecture santé / Gezondheidsnazicht"
TASK_NAME = "Relecture santé, quatre yeux / Gezondheidsnazicht, vier ogen"
MODELS = ("quiz", "selfcheck", "mix")


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    HealthReviewTask = apps.get_model("campaigns", "HealthReviewTask")

    reviewers, _created = Group.objects.get_or_create(name="Reviewers")
    task_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model="healthreviewtask")
    task = HealthReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = HealthReviewTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for name in MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model=name)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    types = ContentType.objects.filter(app_label="campaigns", model__in=MODELS)
    root = WorkflowPage.objects.filter(page__depth=1).first()
    if root is not None:
        WorkflowContentType.objects.filter(content_type__in=types).update(workflow=root.workflow)
    else:
        WorkflowContentType.objects.filter(content_type__in=types).delete()
    Workflow.objects.filter(name=NAME).update(active=False)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('campaigns', '0004_health_snippets_published_and_moderated'),
        ('wagtailcore', '0098_apitoken'),
        ('scheduling', '0002_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='HealthReviewTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'health review (four eyes)',
                'verbose_name_plural': 'health reviews (four eyes)',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(create_workflow, remove_workflow),
    ]
