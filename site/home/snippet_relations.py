"""Wagtail's recipe for snippets with revisions and a workflow: generic relations so that deleting the row deletes
its revisions and workflow states (used by the directory's listings and the health content)."""

from django.contrib.contenttypes.fields import GenericRelation


def revisions_relation(name):
    return GenericRelation("wagtailcore.Revision", related_query_name=name)


def workflow_states_relation(name):
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )
