"""Fuzzing the PATCH body and headers (issue 11): never a 500, whatever is sent.

Bodies are drawn both as arbitrary JSON and as operation lists close to valid ones (real
and unreal bead and item ids, both levels, every kind of operation, wrong types), with
If-Match and X-Editor headers valid, stale or malformed. Every answer must be below 500
and, when it is an error, a problem document. The suite runs a few hundred examples;
``benchmarks/bench_fuzz.py`` runs 10,000 (``ALIGNER_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.model import Document
from aligner.service import create_app
from aligner.store import Store

EXAMPLES = int(os.environ.get("ALIGNER_FUZZ_EXAMPLES", "150"))

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
_BEAD = st.sampled_from(["al.p1", "al.p2", "al.p3", "al.p4", "al.p6", "al.s1", "al.s3", "al.s8",
                         "al.p8", "al.p0", "", "../x", "al.p" + "9" * 30, "ал.p1"])  # fmt: skip
_ITEM = st.sampled_from(["de.p3", "de.p2", "en.p4", "es.p1", "ru.p2", "ru.p2.s2", "fr.h1",
                         "en.p1.s2", "xx.p1", "de", "", "de.p99"])  # fmt: skip
_LANG = st.sampled_from(["de", "en", "es", "ru", "fr", "de", "ru", "xx", "", "DE", "de-AT"])
_VALUE = _JSON | _BEAD | _ITEM | _LANG


_EDITOR_FIELD = st.just("Anna") | st.text(max_size=30) | _JSON
_FIELDS = {  # the fields each operation takes, and what to draw for them
    "merge": {},
    "confirm": {},
    "split": {"at": _ITEM | st.dictionaries(_LANG, _ITEM, max_size=3), "lang": _LANG},
    "move": {"lang": _LANG, "direction": st.sampled_from(["prev", "next", "up"])},
    "unalign": {"item": _ITEM, "lang": _LANG},
}
_REQUIRED = {"split": {"at"}, "move": {"lang", "direction"}, "unalign": {"item"}}


@st.composite
def _operation(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(_FIELDS)))
    op: dict[str, Any] = {"op": kind, "bead": draw(_BEAD)}
    if draw(st.booleans()):
        op["level"] = draw(st.sampled_from(["paragraph", "sentence", "sentence", "word"]))
    for key, values in _FIELDS[kind].items():
        if key in _REQUIRED.get(kind, ()) or draw(st.booleans()):
            op[key] = draw(values)
    if draw(st.integers(0, 7)) == 0:  # now and then a wrong type, a stray key, a wrong op
        key = draw(st.sampled_from([*sorted(op), "extra"]))
        op[key] = draw(_JSON)
    return op


_OPERATIONS = st.lists(_operation(), min_size=1, max_size=3)
_BODY = (
    _OPERATIONS
    | st.fixed_dictionaries({"operations": _OPERATIONS}, optional={"editor": _EDITOR_FIELD})
    | _JSON  # anything at all
)
_IF_MATCH = (
    st.just("current")
    | st.just("current")
    | st.sampled_from(['"rev1"', "*", "", "W/", "rev٣", "9" * 5000, '"rev1", "rev2"'])
    | st.text(max_size=12)
)
_EDITOR = (
    st.just("Anna")
    | st.just("Anna")
    | st.sampled_from(["Ольга", "%FF%FE", "", " ", "J%C3%BCrgen"])
    | st.text(max_size=8)
)


def _header(value: str) -> bytes:
    """Return ``value`` as header bytes (UTF-8, as browsers send it), without line breaks."""
    return " ".join(value.splitlines()).encode("utf-8")


def test_no_patch_body_or_header_gives_a_500(tmp_path: Path, document: Document) -> None:
    store_dir = tmp_path / "store"
    doc_id, _ = Store(store_dir).create("c" * 64, lambda: document, "app-aligner")
    app = create_app(store_dir, max_upload_bytes=64 * 1024, max_files=6)
    seen: dict[int, int] = {}
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as http:
        revision = [1]

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(body=_BODY, if_match=_IF_MATCH, name=_EDITOR)
        def patch(body: Any, if_match: str, name: str) -> None:
            tag = f'"rev{revision[0]}"' if if_match == "current" else if_match
            headers = {
                "If-Match": _header(tag),
                "X-Editor": _header(name),
                "Content-Type": "application/json",
            }
            # json.dumps writes NaN and Infinity as Python does: not JSON, but sent by some
            content = json.dumps(body).encode()
            response = http.patch(
                f"/documents/{doc_id}/alignment", content=content, headers=headers
            )
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            assert response.status_code < 500, response.text
            if response.status_code >= 400:
                problem = response.json()
                assert problem["status"] == response.status_code
                assert problem["detail"]
            else:
                revision[0] = response.json()["revision"]

        patch()
        # the service still takes a well-formed correction after all that
        after = http.patch(
            f"/documents/{doc_id}/alignment",
            json={"editor": "Anna", "operations": [{"op": "confirm", "bead": "al.p1"}]},
            headers={"If-Match": f'"rev{revision[0]}"'},
        )
        assert after.status_code == 200, after.text
    if "ALIGNER_FUZZ_EXAMPLES" in os.environ:  # benchmarks/bench_fuzz.py reports this
        print(f"\nPATCH fuzz: {sum(seen.values())} requests, answers {dict(sorted(seen.items()))}")
    assert len(seen) >= 2, seen  # several kinds of refusal were met
