import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from resources.models import TaskForce


def test_setup_groups_is_idempotent_and_scoped(client, django_user_model, make_service):
    call_command("setup_directory_groups", stdout=io.StringIO())
    call_command("setup_directory_groups", stdout=io.StringIO())
    assert TaskForce.objects.count() == 19
    assert Group.objects.filter(name__startswith="Task force ").count() == 19
    assert Group.objects.filter(name="Directory managers").count() == 1
    make_service("Au Midi")  # Saint-Gilles
    make_service("Ailleurs", point=(50.8395, 4.4030), postal_code="1040")  # Etterbeek
    user = django_user_model.objects.create_user("sg", "sg@example.org", "pw-sg-1234567890")
    user.groups.add(Group.objects.get(name="Task force Saint-Gilles"))
    client.force_login(user)
    content = client.get(reverse("wagtailsnippets_resources_service:list")).content.decode()
    assert "Au Midi" in content and "Ailleurs" not in content
