import pytest

from tests.resources.conftest import geography, make_service  # noqa: F401 (the one search's services)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Images and renditions made by these tests go to a temporary folder, not the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
