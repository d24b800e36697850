"""wagtail-localize's admin views, narrowed to the platform's roles (home/translation_workflow.py)."""

from wagtail_localize.views import update_translations

from .translation_workflow import update_translations_may_publish


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": "Publish immediately" publishes every translation at once, whoever asks. Those who
    may not publish every translation do not get the option (their sync updates the translations' sources;
    the translations then go through moderation)."""

    def get_form(self):
        form = super().get_form()
        if not update_translations_may_publish(self.request.user, self.object):
            form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)
