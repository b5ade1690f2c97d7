import pytest


@pytest.mark.django_db
def test_home_page_renders(home_page, client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skip to main content" in response.content
