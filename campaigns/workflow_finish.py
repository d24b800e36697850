"""What happens when a workflow is approved (WAGTAIL_FINISH_WORKFLOW_ACTION). Wagtail imports this setting while
its own models load, so this module imports nothing of Wagtail's or the project's models at import time."""


def publish_approved(workflow_state, user=None):
    """Health content is published by its approval, which the health review task has already checked (its groups,
    four eyes): nobody holds the permission to publish it directly (campaigns/review.py). Other content is published
    as Wagtail does, with the approver's publish permission checked."""
    from wagtail.workflows import publish_workflow_state

    from .review import is_health_content

    obj = workflow_state.content_object
    obj = getattr(obj, "specific", obj)  # a page's workflow state holds the base Page
    if not is_health_content(obj):
        return publish_workflow_state(workflow_state, user=user)
    obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
    return None
