import json
from pathlib import Path

import pytest

from evaluation.clients.plausible import PlausibleClient, UnlimitedBudget

FIXTURES = Path(__file__).parent / "fixtures" / "plausible-api-v2"
BASE = "https://plausible.test"
QUERY_URL = f"{BASE}/api/v2/query"


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def make_client(sleeps):
    def factory(**kwargs):
        options = {
            "base_url": BASE,
            "api_key": "test-key",
            "site_id": "dummy.site",
            "sleep": sleeps,
            "rng": lambda: 0.5,
            "budget": UnlimitedBudget(),
        }
        options.update(kwargs)
        return PlausibleClient(**options)

    return factory


@pytest.fixture
def client_api(make_client):
    return make_client()


@pytest.fixture
def analyst(db, django_user_model):
    from demo.evaluation import ensure_analysts_group

    user = django_user_model.objects.create_user("analyst-test", password="pw-analyst-123456")
    user.groups.add(ensure_analysts_group())
    return english(user)


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def editor_without_rights(db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor-test", password="pw-editor-123456")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return english(user)


def english(user):
    """Admin pages follow the user's language preference: tests read English msgids."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin_client(client, superuser):
    english(superuser)
    client.force_login(superuser)
    return client
