"""The frame of the project's own admin screens (the ones that are not a model's listing or form): Wagtail's
generic admin template (WagtailAdminTemplateMixin and wagtailadmin/generic/base.html: slim header, breadcrumbs,
header buttons), a breadcrumb trail from Home to the screen, and one rule of who may open it.

A screen is a class combining `AdminScreenMixin` with a Django generic view (TemplateView, FormView); its viewset
(viewsets.py) routes it and wagtail_hooks.py registers the viewset. Its template extends
"wagtailadmin/generic/base.html" and fills `main_content`.
"""

from __future__ import annotations

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminScreenMixin(WagtailAdminTemplateMixin):
    def user_may_open(self, user) -> bool:
        """Who may open the screen; the others get the admin's usual "permission denied"."""
        return True

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_open(request.user):
            # Answered here, in the person's admin language: a raised PermissionDenied gets the same redirect from
            # Wagtail, but after the admin language is no longer active (its message would be in the site's).
            return permission_denied(request)
        return self.load(**kwargs) or super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        """Fetch the screen's object once access is granted (from the URL's arguments): it may raise Http404, or
        return a response (a refusal) that ends the request."""
        return None

    def get_breadcrumb_trail(self) -> list[dict]:
        """The breadcrumbs between Home and this screen ({"url": …, "label": …}; an empty URL for a menu group)."""
        return []

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            *self.get_breadcrumb_trail(),
            {"url": "", "label": self.get_page_title()},
        ]
