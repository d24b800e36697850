"""What the listings' drafts, revisions and workflows share (services and locations)."""

from django.contrib.contenttypes.fields import GenericRelation

# Fields that Wagtail's revisions, drafts and workflows write on their own (`update_fields`): saving only these
# changes nothing the public reads, so `Service.save()` and `Location.save()` pass them straight through.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "updated_at",
    "has_unpublished_changes",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
}


def workflow_states_relation(name):
    """Wagtail's recipe for snippets with a workflow: deleting the row deletes its workflow states."""
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


def saves_bookkeeping_only(update_fields) -> bool:
    """Whether a save writes nothing but `BOOKKEEPING_FIELDS` (a revision's bookkeeping: no fact changes)."""
    return update_fields is not None and not set(update_fields) - BOOKKEEPING_FIELDS
