"""The translation editor's moderation bar (templates/wagtail_localize/admin/edit_translation.html)."""

from django import template

from home import translation_workflow

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_workflow_status(context, instance):
    request = context.get("request")
    if request is None or instance is None:
        return None
    return translation_workflow.status_for(request.user, getattr(instance, "specific", instance))
