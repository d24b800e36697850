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
