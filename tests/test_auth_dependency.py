"""The one sign-in/role/CSRF dependency (service/routers/auth.py): a citizen's case token opens no
clerk route, a bad CSRF token is refused with a Chinese 403 page (never a 500)."""

from __future__ import annotations

from tests.test_web_accounts import _csrf, client, login  # noqa: F401 (the fixture)


def test_citizen_token_opens_no_clerk_route(client):  # noqa: F811
    r = client.post("/api/cases", json={"matters": ["dog_registration"]})
    token = r.json()["upload_token"]
    r = client.get("/clerk", headers={"Authorization": f"Bearer {token}"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/clerk")
    r = client.post("/clerk/cases", data={"matter": "dog_registration", "csrf": "x"},
                    headers={"Authorization": f"Bearer {token}", "accept": "text/html"}, follow_redirects=False)
    assert r.status_code in (303, 401) and r.status_code != 500


def test_bad_csrf_token_is_a_chinese_403_page(client):  # noqa: F811
    login(client, "clerk1", "password-123")
    good = _csrf(client.get("/clerk/new").text)
    for bad in ("forged", "", good[:-1]):
        r = client.post("/clerk/cases", data={"matter": "dog_registration", "csrf": bad},
                        headers={"accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 403, (bad, r.status_code)
        assert "页面已过期" in r.text
    r = client.post("/clerk/cases", data={"matter": "dog_registration", "csrf": good}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/clerk/cases/")


def test_reviewer_route_refuses_a_clerk(client):  # noqa: F811
    login(client, "clerk1", "password-123")
    r = client.get("/review", headers={"accept": "text/html"})
    assert r.status_code == 403 and "请用" in r.text


def test_one_case_dependency_for_api_pages_and_follow_up(client):  # noqa: F811
    """``case_access``: a case's own token (header, ?t= or cookie) or staff; another case's token never."""
    mine = client.post("/api/cases", json={"matters": ["dog_registration"]}).json()
    other = client.post("/api/cases", json={"matters": ["dog_registration"]}).json()
    bearer = {"Authorization": f"Bearer {mine['upload_token']}"}
    assert client.get(f"/api/cases/{mine['id']}/pages", headers=bearer).status_code == 200
    assert client.get(f"/cases/{mine['id']}/view?t={mine['upload_token']}").status_code == 200
    assert client.get(f"/api/cases/{mine['id']}/followup", headers=bearer).status_code == 200
    for path in (f"/api/cases/{other['id']}/pages", f"/cases/{other['id']}/view", f"/api/cases/{other['id']}/followup"):
        assert client.get(path, headers=bearer).status_code == 403, path
    assert client.get(f"/cases/{other['id']}/view?t={mine['upload_token']}").status_code == 403
    body = {"sha256": "a" * 64, "page": 1, "material": "unknown"}
    r = client.post(f"/clerk/api/cases/{mine['id']}/override", json=body, headers=bearer)
    assert r.status_code == 401 and r.json()["error"]["message"]  # a citizen's token is no clerk session
    login(client, "clerk1", "password-123")
    assert client.get(f"/api/cases/{other['id']}/pages").status_code == 200  # staff open any case
    assert client.post(f"/api/cases/{other['id']}/check").status_code == 403  # a change needs the CSRF token
    csrf = _csrf(client.get("/clerk/new").text)
    assert client.post(f"/api/cases/{other['id']}/check", headers={"X-CSRF-Token": csrf}).status_code == 202
