"""Heavy work runs in worker processes: limited, killed when nobody waits, shared, orphan-free."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from aligner.model import Document
from aligner.service.problems import Problem
from aligner.service.workers import Workers, WorkLimits
from aligner.store import Store

ROOT = Path(__file__).parents[3]


def _children_of(pid: int) -> set[int]:
    """Return the processes whose parent is ``pid``, and theirs, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _gone(pids: set[int], seconds: float = 20.0) -> bool:
    """Wait (boundedly) until none of ``pids`` is alive; return whether they went."""
    for _ in range(int(seconds / 0.1)):
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def test_a_job_over_its_cpu_time_is_an_over_limit_problem() -> None:
    workers = Workers(WorkLimits(cpu_seconds=1))
    with pytest.raises(Problem) as caught:
        asyncio.run(workers.run(math.factorial, 10**8))
    assert caught.value.kind == "over-limit"
    assert "more than 1 s of CPU" in caught.value.detail


def test_a_job_over_its_memory_is_an_over_limit_problem() -> None:
    workers = Workers(WorkLimits(memory_mb=64))
    with pytest.raises(Problem) as caught:
        asyncio.run(workers.run(bytearray, 2**30))
    assert caught.value.kind == "over-limit"
    assert "64 MB" in caught.value.detail
    # the next job is run as usual
    assert asyncio.run(workers.run(bytearray, 2**20)) == bytearray(2**20)


def test_a_job_past_the_deadline_is_killed() -> None:
    workers = Workers(WorkLimits(seconds=1))

    async def scenario() -> set[int]:
        job = asyncio.ensure_future(workers.run(time.sleep, 60))
        for _ in range(200):  # until the worker is there
            await asyncio.sleep(0.05)
            started = _children_of(os.getpid()) - _helpers()
            if started:
                break
        with pytest.raises(Problem, match="not done within 1 s"):
            await job
        return started

    started = asyncio.run(scenario())
    assert started
    assert _gone(started)


def test_a_job_whose_client_left_is_killed() -> None:
    workers = Workers()
    asked = 0

    async def left() -> bool:
        nonlocal asked
        asked += 1
        return asked > 5

    async def scenario() -> set[int]:
        job = asyncio.ensure_future(workers.run(time.sleep, 60, left=left))
        started: set[int] = set()
        for _ in range(200):
            await asyncio.sleep(0.05)
            started |= _children_of(os.getpid()) - _helpers()
            if job.done():
                break
        with pytest.raises(Problem, match="the client left"):
            await job
        return started

    started = asyncio.run(scenario())
    assert started
    assert _gone(started)


def test_the_same_job_asked_at_once_runs_once() -> None:
    workers = Workers()

    async def scenario() -> list[int]:
        same = [workers.run(os.getpid, key="export-a") for _ in range(6)]
        other = workers.run(os.getpid, key="export-b")
        return list(await asyncio.gather(*same, other))

    pids = asyncio.run(scenario())
    assert len(set(pids[:6])) == 1
    assert pids[6] != pids[0]
    assert os.getpid() not in pids


def _helpers() -> set[int]:
    """Return the fork server and the resource tracker: they stay while the tests run."""
    from multiprocessing import forkserver, resource_tracker

    pids = {
        getattr(forkserver._forkserver, "_forkserver_pid", None),
        getattr(resource_tracker._resource_tracker, "_pid", None),
    }
    return {pid for pid in pids if pid}


_ORPHANS = """
import asyncio, sys, time
from aligner.service.workers import Workers
if __name__ == "__main__":
    print("ready", flush=True)
    asyncio.run(Workers().run(time.sleep, 120))
"""

_POOL = """
import sys, time
from aligner.archive.executors import run
def nap(job, shared):
    time.sleep(job)
    return job
if __name__ == "__main__":
    print("ready", flush=True)
    list(run(nap, [120, 120], None, executor="processes:2"))
"""


# `align --jobs`: the versions read in a pool (over 2 MB of text), and the sentence pass's
# pool, its workers started as the sentence pass starts them
_READ_POOL = """
from aligner.api import InputFile, align_inputs
if __name__ == "__main__":
    said = "Paragraph {} of the long report, in which the board met again and chose a chair."
    text = "\\n\\n".join(said.format(i) for i in range(15_000)).encode()
    inputs = [InputFile(text, "en.txt"), InputFile(text, "de.txt")]
    print("ready", flush=True)
    align_inputs(inputs, workers=2)
"""

_SENTENCE_POOL = """
import time
from aligner.align import Lexicons, nway
from aligner.align_config import DEFAULT_CONFIG as CONFIG
if __name__ == "__main__":
    aligner = nway._PairAligner(Lexicons(), CONFIG, CONFIG.sentences, None)
    print("ready", flush=True)
    with nway.worker_context(nway.__name__).Pool(2, nway._start_worker, ((), aligner)) as pool:
        pool.map(time.sleep, [120, 120])
"""


@pytest.mark.parametrize(
    ("script", "processes"),
    # the fork server, its resource tracker and a worker (or two)
    [(_ORPHANS, 3), (_POOL, 2), (_READ_POOL, 3), (_SENTENCE_POOL, 4)],
    ids=["service-workers", "archive-pool", "align-read-pool", "align-sentence-pool"],
)
def test_workers_die_with_their_parent(tmp_path: Path, script: str, processes: int) -> None:
    path = tmp_path / "parent.py"
    path.write_text(script, encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, str(path)], stdout=subprocess.PIPE, cwd=ROOT, text=True
    )
    workers: set[int] = set()
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline().strip() == "ready"
        for _ in range(1200):  # until the workers are running (bounded: 120 s)
            time.sleep(0.1)
            workers = _children_of(parent.pid)
            if len(workers) >= processes:
                break
        assert len(workers) >= processes
        time.sleep(0.5)
        workers = _children_of(parent.pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        assert _gone(workers), f"left running: {sorted(p for p in workers if _alive(p))}"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=10)
        if parent.stdout is not None:
            parent.stdout.close()
        for pid in workers:  # a failed run leaves nothing behind either
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def test_an_upload_over_the_limits_is_a_problem_and_the_service_goes_on(
    tmp_path: Path, harbour: list[tuple[str, bytes]]
) -> None:
    from fastapi.testclient import TestClient

    from aligner.service import create_app

    app = create_app(tmp_path / "store", work=WorkLimits(memory_mb=1))
    # long versions that cost more than a megabyte of memory to align
    files = [
        ("files", (name, (data.decode() + "\n\n").encode() * 200, "text/plain"))
        for name, data in harbour[:2]
    ]
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        refused = client.post("/documents", files=files)
        assert refused.status_code == 422
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["type"] == "/problems/over-limit"
        assert client.get("/").status_code == 200
        assert client.get("/documents").json() == []


def test_concurrent_readers_share_one_parse_of_a_revision(
    tmp_path: Path, document: Document
) -> None:
    store = Store(tmp_path / "store")
    doc_id, _ = store.create("2" * 64, lambda: document, "app-aligner")
    store.forget()
    start = threading.Barrier(8)
    found: list[Document] = []

    def read() -> None:
        start.wait()
        found.append(store.document(doc_id)[0])

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(timeout=60)
    assert len(found) == 8
    assert len({id(d) for d in found}) == 1
    assert found[0] == replace(document, id=doc_id)


def test_a_light_job_does_not_wait_behind_heavy_ones() -> None:
    workers = Workers(WorkLimits(processes=1))

    async def scenario() -> tuple[int, bool]:
        heavy = asyncio.ensure_future(workers.run(time.sleep, 60))
        behind = asyncio.ensure_future(workers.run(os.getpid))  # the heavy lane is full
        light = await workers.run(os.getpid, lane="light")
        waiting = not heavy.done() and not behind.done()
        heavy.cancel()
        behind.cancel()
        await asyncio.gather(heavy, behind, return_exceptions=True)
        return light, waiting

    pid, waiting = asyncio.run(scenario())
    assert waiting
    assert pid != os.getpid()


def test_work_of_milliseconds_runs_here_one_call_at_a_time() -> None:
    workers = Workers()
    inside = 0
    most = 0

    def count() -> int:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        time.sleep(0.05)
        inside -= 1
        return os.getpid()

    async def scenario() -> list[int]:
        return list(await asyncio.gather(*(workers.here(count) for _ in range(6))))

    assert asyncio.run(scenario()) == [os.getpid()] * 6
    assert most == 1
