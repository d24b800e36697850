"""What Wagtail's generic admin views leave out: Wagtail's edit and delete views check the model permission only,
never the permission policy's rule for the object itself. Views of models whose policy decides per object (a task
force's own actions, a translator's synced translations) add this mixin."""

from django.core.exceptions import PermissionDenied


class InstancePermissionMixin:
    """Refuses (the admin's usual "permission denied") an object the policy does not allow for `instance_action`."""

    instance_action = "change"

    def instance_allowed(self, obj) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, obj
        )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.instance_allowed(obj):
            raise PermissionDenied
        return obj
