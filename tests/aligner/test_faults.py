"""Faults as clean answers: a full disk, a read-only store, temporary files left by a kill.

The full and read-only disks are real: a tmpfs of a few pages, or a read-only bind mount,
made in a mount namespace of a child process (``unshare``), so nothing outside it changes.
Where the system allows no such namespace, those tests are skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from aligner._io import remove_stale_temporaries, write_bytes_atomic
from aligner.archive import Archive
from aligner.model import Document
from aligner.store import Store
from aligner.tei import write_tei

ROOT = Path(__file__).parents[2]
UDHR = ROOT / "tests" / "data" / "udhr"
HARBOUR = ROOT / "tests" / "aligner" / "service" / "data"
_PYTHON_MAIN = "import sys; from aligner.cli import main; sys.exit(main(sys.argv[1:]))"


def _namespaces() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt 2>/dev/null || true; true"],
        capture_output=True,
        check=False,
        timeout=30,
    )
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    not _namespaces(), reason="no mount namespaces here (unshare -rm)"
)


def _inside(setup: str, argv: list[str]) -> list[str]:
    """Return a command that runs ``setup`` (shell) in a new mount namespace, then ``argv``."""
    command = " ".join(shlex.quote(a) for a in argv)
    return ["unshare", "-rm", "sh", "-c", f"set -e; {setup}; exec {command}"]


def _full(folder: Path) -> str:
    """Return shell lines that mount a full disk of one page at ``folder``."""
    return (
        f"mount -t tmpfs -o size=4k tmpfs {folder}; "
        f"dd if=/dev/zero of={folder}/filler bs=1k count=8 2>/dev/null || true"
    )


def _cli(setup: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", _PYTHON_MAIN, *(str(a) for a in args)]
    return subprocess.run(
        _inside(setup, argv), capture_output=True, text=True, cwd=ROOT, timeout=600, check=False
    )


@needs_namespaces
def test_align_onto_a_full_disk_is_one_line(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "udhr.xml"
    done = _cli(_full(disk), "align", UDHR / "de.txt", UDHR / "en.txt", "-o", out)
    assert done.returncode == 1
    assert done.stderr == f"aligner: {out}: cannot write: no space left on the device\n"


@needs_namespaces
def test_export_onto_a_read_only_disk_is_one_line(tmp_path: Path, document: Document) -> None:
    source = tmp_path / "doc.xml"
    source.write_bytes(write_tei(document))
    disk = tmp_path / "disk"
    disk.mkdir()
    setup = f"mount --bind {disk} {disk}; mount -o remount,bind,ro {disk}"
    done = _cli(setup, "export", source, "--to", "docx", "-o", disk / "doc.docx")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("aligner: ")
    assert "cannot write: the file system is read-only" in done.stderr
    assert list(disk.iterdir()) == []


@needs_namespaces
@pytest.mark.parametrize("room", ["4k", "96k", "160k"])
def test_archive_add_onto_a_full_disk_is_one_line(tmp_path: Path, room: str) -> None:
    # the disk fills at different steps: making the index, storing a document, indexing it
    disk = tmp_path / "disk"
    disk.mkdir()
    done = _cli(
        f"mount -t tmpfs -o size={room} tmpfs {disk}", "archive", "add", UDHR.parent / "udhr",
        "--executor", "serial", "--archive", disk / "arch", "--no-embeddings",
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("aligner: ") for line in lines)
    assert re.search(r"no space left on the device|disk is full", lines[-1])


def test_a_temporary_file_left_by_a_killed_writer_goes_at_the_next_write(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(gone.stdout)
    target = tmp_path / "memory.tmx"
    stale = tmp_path / f".memory.tmx.{dead}-0a1b2c3d.tmp"
    mine = tmp_path / f".memory.tmx.{os.getpid()}-0a1b2c3d.tmp"  # a live writer's
    other = tmp_path / f".other.tmx.{dead}-0a1b2c3d.tmp"
    for path in (stale, mine, other):
        path.write_bytes(b"<tmx")
    write_bytes_atomic(target, b"<tmx/>")
    assert not stale.exists()
    assert mine.exists()
    assert other.exists()
    assert remove_stale_temporaries(tmp_path / "other.tmx") == [other]


def test_archive_export_removes_what_a_killed_export_left(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    target = tmp_path / "all.tmx"
    stale = tmp_path / f".all.tmx.{int(gone.stdout)}-99aa00bb.tmp"
    stale.write_bytes(b"<?xml version")
    with Archive(tmp_path / "arch", create=True) as archive:
        archive.export_tmx(target)
    assert target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_sigterm_stops_a_command_as_ctrl_c_does(tmp_path: Path) -> None:
    """A terminated command runs its clean-up (the temporary files of its writes)."""
    script = (
        "import os, signal, sys, time\n"
        "from aligner.cli import _stop_on_sigterm\n"
        "_stop_on_sigterm()\n"
        "try:\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(60)\n"
        "except KeyboardInterrupt:\n"
        "    print('cleaned up', flush=True)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signal.SIGTERM)
    out, _ = child.communicate(timeout=30)
    assert out.strip() == "cleaned up"


# -- the service --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def stored(tmp_path: Path, document: Document) -> tuple[Path, str]:
    """A store holding the fixture document; return the store and the document's id."""
    store = Store(tmp_path / "store")
    doc_id, _ = store.create("1" * 64, lambda: document, "app-aligner")
    return store.root, doc_id


def _serve(setup: str, store: Path, log: Path) -> Iterator[str]:
    port = _free_port()
    argv = [sys.executable, "-c", _PYTHON_MAIN, "serve", "--port", str(port), "--store",
            str(store)]  # fmt: skip
    with open(log, "wb") as out:
        server = subprocess.Popen(
            _inside(setup, argv), cwd=ROOT, stdout=out, stderr=out, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # until it answers (bounded: 60 s)
            if server.poll() is not None:
                pytest.fail(f"the service stopped: {log.read_text(errors='replace')[-2000:]}")
            try:
                httpx.get(f"{base}/exports", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)


def _upload() -> list[tuple[str, tuple[str, bytes, str]]]:
    files = sorted(HARBOUR.glob("harbour.*.txt"))[:2]
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in files]


_OPS = {"editor": "Anna", "operations": [{"op": "confirm", "bead": "al.p1"}]}


@needs_namespaces
def test_a_read_only_store_serves_reads_and_refuses_writes(
    stored: tuple[Path, str], tmp_path: Path
) -> None:
    store, doc_id = stored
    setup = f"mount --bind {store} {store}; mount -o remount,bind,ro {store}"
    for base in _serve(setup, store, tmp_path / "serve.log"):
        assert httpx.get(f"{base}/documents", timeout=30).json()[0]["id"] == doc_id
        assert httpx.get(f"{base}/documents/{doc_id}", timeout=30).status_code == 200
        assert httpx.get(f"{base}/documents/{doc_id}/export?to=csv", timeout=60).status_code == 200
        writes = [
            httpx.post(f"{base}/documents", files=_upload(), timeout=60),
            httpx.patch(
                f"{base}/documents/{doc_id}/alignment",
                json=_OPS,
                headers={"If-Match": '"rev1"'},
                timeout=30,
            ),  # fmt: skip
            httpx.delete(f"{base}/documents/{doc_id}", timeout=30),
        ]
        for answer in writes:
            assert answer.status_code == 503
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["type"] == "/problems/read-only"
    assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")


@needs_namespaces
def test_a_full_disk_is_a_507_and_nothing_half_written(
    stored: tuple[Path, str], tmp_path: Path
) -> None:
    store, doc_id = stored
    before = sorted(p.relative_to(store) for p in store.rglob("*"))
    # the store moves onto a small disk, which is then filled
    setup = (
        f"cp -a {store} {tmp_path}/copy; mount -t tmpfs -o size=1m tmpfs {store}; "
        f"cp -a {tmp_path}/copy/. {store}/; "
        f"dd if=/dev/zero of={store}/.filler bs=4k count=1000 2>/dev/null || true"
    )
    for base in _serve(setup, store, tmp_path / "serve.log"):
        assert httpx.get(f"{base}/documents/{doc_id}", timeout=30).status_code == 200
        writes = [
            httpx.post(f"{base}/documents", files=_upload(), timeout=120),
            httpx.patch(
                f"{base}/documents/{doc_id}/alignment",
                json=_OPS,
                headers={"If-Match": '"rev1"'},
                timeout=30,
            ),  # fmt: skip
        ]
        for answer in writes:
            assert answer.status_code == 507
            assert answer.json()["type"] == "/problems/no-space"
        assert httpx.get(f"{base}/documents/{doc_id}/revisions", timeout=30).json()[-1]["n"] == 1
        assert len(httpx.get(f"{base}/documents", timeout=30).json()) == 1
    # the namespace's disk is gone with it; the store outside was never touched
    assert sorted(p.relative_to(store) for p in store.rglob("*")) == before
