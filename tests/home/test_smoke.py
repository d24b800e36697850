import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/", "/nl/"])
def test_home_pages_render(client, home_fr, path):
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{path.strip("/")}">' in response.content.decode()
