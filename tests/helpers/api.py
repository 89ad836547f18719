"""The case API as a test drives it through a TestClient: open a case, wait for its result."""

from __future__ import annotations

import time


def open_case(client, matters: tuple[str, ...] = ("dog_registration",), as_of: str = "2026-11-23") -> tuple[str, dict]:
    """(case id, the upload token's headers) of a new case."""
    r = client.post("/api/cases", json={"matters": list(matters), "as_of": as_of})
    assert r.status_code == 201, r.text
    return r.json()["id"], {"Authorization": f"Bearer {r.json()['upload_token']}"}


def wait_result(client, case_id: str, headers: dict, timeout: float = 60, poll: float = 0.2):
    """The case's result response once it is no longer 202 (still reading); TimeoutError after ``timeout`` s."""
    end = time.time() + timeout
    while time.time() < end:
        r = client.get(f"/api/cases/{case_id}/result", headers=headers)
        if r.status_code != 202:
            return r
        time.sleep(poll)
    raise TimeoutError
