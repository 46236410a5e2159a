"""Robust If-Match (issue 11, point 4): every malformed header is a 4xx problem, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

OPS = [{"op": "confirm", "bead": "al.p1"}]
PROBLEM = "application/problem+json"


def _patch(client: TestClient, doc_id: str, if_match: str | bytes) -> Any:
    headers = {"If-Match": if_match, "X-Editor": "Anna"}
    return client.patch(f"/documents/{doc_id}/alignment", json=OPS, headers=headers)


@pytest.mark.parametrize(
    "if_match",
    [
        "9" * 5000,  # more digits than int() takes from a string
        '"rev' + "9" * 5000 + '"',
        '"rev²"'.encode(),  # a digit to str.isdigit(), not to int()
        '"rev٣"'.encode(),  # an Arabic-Indic three
        '"rev1", "rev2"',  # a list: a correction is made on one revision
        "rev-1",
        "rev1.0",
        "W/",
        '"rev1',
        "\x7f",
    ],
)
def test_a_malformed_if_match_is_a_400_problem(
    client: TestClient, seeded: str, if_match: str | bytes
) -> None:
    response = _patch(client, seeded, if_match)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["type"] == "/problems/bad-header"
    assert len(body["detail"]) < 200  # the offending value is shortened, not echoed whole
    assert client.get(f"/documents/{seeded}").json()["revision"] == 1


def test_a_star_does_not_skip_the_lost_update_check_on_a_patch(
    client: TestClient, seeded: str
) -> None:
    response = _patch(client, seeded, "*")
    assert response.status_code == 428
    assert response.json()["type"] == "/problems/precondition-required"
    assert "does not say which revision" in response.json()["detail"]
    assert client.get(f"/documents/{seeded}").json()["revision"] == 1


@pytest.mark.parametrize("if_match", ['"rev1"', "rev1", "1", 'W/"rev1"', ' "rev1" '])
def test_the_accepted_spellings_of_a_revision_apply(
    client: TestClient, seeded: str, if_match: str
) -> None:
    response = _patch(client, seeded, if_match)
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"rev2"'


def test_a_number_that_names_no_current_revision_is_412(client: TestClient, seeded: str) -> None:
    for stale in ("0", "999999999"):
        response = _patch(client, seeded, stale)
        assert response.status_code == 412
        assert response.json()["revision"] == 1


def test_realign_takes_a_star_as_whatever_is_current(client: TestClient, seeded: str) -> None:
    response = client.post(f"/documents/{seeded}/realign", headers={"If-Match": "*"})
    assert response.status_code == 200, response.text
    bad = client.post(f"/documents/{seeded}/realign", headers={"If-Match": "9" * 5000})
    assert bad.status_code == 400
