"""The first correction after a pause: with the page showing the document, and without.

Starts ``aligner serve`` (idle release after its default 20 s), uploads the bundled
five-language sample twice, then for each copy waits ``--idle`` seconds (default 60) and
times one correction (a paragraph merge, which aligns the merged bead's sentences again):

* "page open": a client says every 20 s what the page says while it shows a document
  (``POST /documents/{id}/warm``);
* "no page": nobody does, so the service lets go of the encoder and the parsed documents.

Each correction is timed three times in a row (the first one is the one that counts).
Run: ``python benchmarks/bench_warm.py [--idle 60]``.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import httpx
from _serving import ROOT, free_port, start_server

SAMPLE = ROOT / "aligner" / "data" / "sample"
FILES = ("de.txt", "en.html", "es.txt", "fr.txt", "ru.html")
WARM_EVERY = 20.0  # as the page does


def upload(base: str, salt: str) -> str:
    """Upload the sample (made distinct by ``salt`` so it is a new document); return its id."""
    files = []
    for name in FILES:
        data = (SAMPLE / name).read_bytes()
        if name.endswith(".txt"):
            data += f"\n\n{salt}\n".encode()
        files.append(("files", (name, data)))
    answer = httpx.post(f"{base}/documents", files=files, timeout=600)
    answer.raise_for_status()
    return str(answer.json()["id"])


def correct(base: str, doc_id: str) -> float:
    """Merge the second paragraph bead with the third; return the seconds it took."""
    head = httpx.get(f"{base}/documents/{doc_id}", timeout=60)
    head.raise_for_status()
    bead = head.json()["paragraphs"][1]["id"]
    start = time.perf_counter()
    answer = httpx.patch(
        f"{base}/documents/{doc_id}/alignment",
        json=[{"op": "merge", "bead": bead}],
        headers={"If-Match": head.headers["ETag"], "X-Editor": "Bench"},
        timeout=600,
    )
    seconds = time.perf_counter() - start
    answer.raise_for_status()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of pause")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(port, Path(tmp) / "store", Path(tmp) / "serve.log")
        try:
            for label, warm in (("page open", True), ("no page", False)):
                doc_id = upload(base, label)
                stop = threading.Event()

                def page(doc: str = doc_id, done: threading.Event = stop) -> None:
                    while not done.is_set():
                        httpx.post(f"{base}/documents/{doc}/warm", timeout=600)
                        done.wait(WARM_EVERY)

                keeper = threading.Thread(target=page, daemon=True) if warm else None
                if keeper is not None:
                    keeper.start()
                time.sleep(args.idle)
                times = [correct(base, doc_id) for _ in range(3)]
                stop.set()
                print(
                    f"{label:>10}: first correction after {args.idle:.0f} s idle "
                    f"{times[0]:.2f} s (then {times[1]:.2f} s, {times[2]:.2f} s)"
                )
                if not warm:
                    continue
                # let the lease run out before the next case, so it starts cold
                time.sleep(90)
        finally:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
