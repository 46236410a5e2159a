"""Kill the service with SIGKILL in the middle of writes, restart it, check what survived.

Run from the repository root::

    .venv/bin/python benchmarks/bench_crash.py [--rounds 8] [--clients 6]

Starts ``aligner serve`` on 127.0.0.1 (a free port, a temporary store). In each round,
client threads upload new documents, correct them (PATCH, one revision each) and delete
some, recording every write the service acknowledged; once a few writes are acknowledged,
the server gets ``kill -9`` at a random moment within the next 2 s. The leftovers of
interrupted writes are counted (temporary files, staging and trash folders, revision files
the index does not list, lock files of deleted documents),
the service is started again on the same store, and the store is checked: every
acknowledged document is there at its acknowledged revision or later, every acknowledged
delete stayed deleted, every stored revision reads back as valid TEI, and no leftover
remains. Prints the counts; exits 1 if anything was lost, invalid or left over.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import tempfile
import threading
import time
from pathlib import Path

import httpx
from _serving import free_port, start_server

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "aligner" / "service" / "data"
_REVISION = re.compile(r"^[1-9][0-9]*\.xml$")


class _Ledger:
    """What the service acknowledged: document -> revision, and deleted documents."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.revisions: dict[str, int] = {}
        self.deleted: set[str] = set()
        self.writes = 0

    def saw(self, doc_id: str, revision: int) -> None:
        with self.lock:
            self.revisions[doc_id] = max(revision, self.revisions.get(doc_id, 0))
            self.writes += 1

    def gone(self, doc_id: str) -> None:
        with self.lock:
            self.deleted.add(doc_id)
            self.revisions.pop(doc_id, None)
            self.writes += 1


def _client(base: str, n: int, round_: int, texts: list[tuple[str, bytes]], ledger: _Ledger,
            stop: threading.Event) -> None:  # fmt: skip
    rng = random.Random(f"{round_}-{n}")
    with httpx.Client(base_url=base, timeout=60) as http:
        for run in range(10_000):
            if stop.is_set():
                return
            try:
                tag = f"\n\nRef. {round_}-{n}-{run}.\n".encode()
                files = [("files", (name, data + tag, "text/plain")) for name, data in texts]
                made = http.post("/documents", files=files)
                if made.status_code not in (200, 201):
                    continue
                doc_id, revision = made.json()["id"], made.json()["revision"]
                ledger.saw(doc_id, revision)
                for bead in ("al.p1", "al.p2", "al.p3"):
                    fixed = http.patch(
                        f"/documents/{doc_id}/alignment",
                        json={
                            "editor": "Crash Test",
                            "operations": [{"op": "confirm", "bead": bead}],
                        },
                        headers={"If-Match": f'"rev{revision}"'},
                    )
                    if fixed.status_code != 200:
                        break
                    revision = fixed.json()["revision"]
                    ledger.saw(doc_id, revision)
                if rng.random() < 0.25 and http.delete(f"/documents/{doc_id}").status_code == 204:
                    ledger.gone(doc_id)
            except httpx.HTTPError:
                return  # the server is gone


def _leftovers(store: Path) -> list[str]:
    """Return what interrupted writes left in ``store`` (as the store's recovery sees it)."""
    found = []
    for entry in store.iterdir():
        name = entry.name
        if name.startswith((".new-", ".gone-")) or (name.startswith(".") and name.endswith(".tmp")):
            found.append(name)
        elif name.startswith(".") and name.endswith(".lock"):
            if not (store / name[1:-5]).is_dir():
                found.append(name)
        elif entry.is_dir() and (entry / "index.json").is_file():
            listed = {
                f"{r['n']}.xml" for r in json.loads((entry / "index.json").read_text())["revisions"]
            }
            for file in entry.iterdir():
                unlisted = _REVISION.match(file.name) and file.name not in listed
                if unlisted or file.name.endswith(".tmp"):
                    found.append(f"{name}/{file.name}")
    return sorted(found)


def _check(store: Path, ledger: _Ledger) -> tuple[int, int, int]:
    """Return (lost, invalid, revisions checked) for the store against the ledger."""
    from aligner.errors import AlignerError
    from aligner.tei import read_tei

    lost = invalid = checked = 0
    for doc_id, revision in ledger.revisions.items():
        index = store / doc_id / "index.json"
        if not index.is_file():
            lost += 1
            continue
        revisions = [r["n"] for r in json.loads(index.read_text())["revisions"]]
        if max(revisions) < revision:
            lost += 1
        for n in revisions:
            checked += 1
            try:
                read_tei((store / doc_id / f"{n}.xml").read_bytes(), path=f"{doc_id}/{n}.xml")
            except (AlignerError, OSError):
                invalid += 1
    lost += sum((store / doc_id).exists() for doc_id in ledger.deleted)
    return lost, invalid, checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8, help="kill -9 this many times (8)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent writers (6)")
    args = parser.parse_args(argv)
    texts = [(p.name, p.read_bytes()) for p in sorted(DATA.glob("harbour.*.txt"))]
    ledger = _Ledger()
    left_before = 0
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        store, log = Path(tmp) / "store", Path(tmp) / "server.log"
        for round_ in range(args.rounds):
            port = free_port()
            server = start_server(port, store, log)
            stop = threading.Event()
            threads = [
                threading.Thread(
                    target=_client,
                    args=(f"http://127.0.0.1:{port}", n, round_, texts, ledger, stop),
                )
                for n in range(args.clients)
            ]
            for t in threads:
                t.start()
            # let some writes be acknowledged, then kill at a random moment among the next
            started, deadline = ledger.writes, time.monotonic() + 120
            while ledger.writes < started + 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(random.Random(round_).uniform(0.0, 2.0))
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
            stop.set()
            for t in threads:
                t.join()
            found = _leftovers(store)
            left_before += len(found)
            print(f"round {round_ + 1}: killed with {ledger.writes} writes acknowledged so far; "
                  f"{len(found)} leftovers on disk")  # fmt: skip
        server = start_server(free_port(), store, log)  # recovery runs on this start
        server.terminate()
        server.wait(timeout=30)
        left_after = _leftovers(store)
        lost, invalid, checked = _check(store, ledger)
    print(f"{args.rounds} kill -9, {ledger.writes} acknowledged writes "
          f"({len(ledger.revisions)} documents kept, {len(ledger.deleted)} deleted)")  # fmt: skip
    print(f"lost: {lost}   invalid revisions: {invalid} of {checked}")
    print(f"leftovers: {left_before} seen after the kills, {len(left_after)} after restart")
    for name in left_after[:10]:
        print(f"  left: {name}")
    return 1 if lost or invalid or left_after else 0


if __name__ == "__main__":
    raise SystemExit(main())
