"""Only regular files are read, and their size is counted as they are read."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.errors import InputError
from aligner.readers import load_bytes

UDHR = Path(__file__).parents[2] / "data" / "udhr"


def test_align_refuses_a_device_at_once(tmp_path: Path) -> None:
    # in a child with a deadline: reading /dev/zero to the end would never finish
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from aligner.cli import main; sys.exit(main())",
            "align",
            "en=/dev/zero",
            str(UDHR / "de.txt"),
            "-o",
            str(tmp_path / "o.xml"),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        "/dev/zero: is not a regular file (a device, a pipe or a socket): only files are read"
    )
    assert not (tmp_path / "o.xml").exists()


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "en.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is not a regular file"):
        load_bytes(fifo)


def test_a_pipe_with_a_writer_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "en.txt"
    os.mkfifo(fifo)

    def write() -> None:
        # blocks until the reader opens it; the reader refuses and closes it unread
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as fh:
            fh.write(b"All human beings are born free.\n" * 100)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    code = main(["align", str(fifo), str(UDHR / "de.txt"), "-o", str(tmp_path / "o.xml")])
    assert code == 1
    assert "en.txt: is not a regular file" in capsys.readouterr().err
    writer.join(timeout=10)


def test_the_size_limit_is_counted_while_reading(tmp_path: Path) -> None:
    # /proc files say they are empty; their bytes are counted instead
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(InputError, match=r"^/proc/self/status: is over the .* MB limit"):
        load_bytes("/proc/self/status", max_bytes=100)
    small = tmp_path / "en.txt"
    small.write_bytes(b"x" * 50)
    assert load_bytes(small, max_bytes=50) == b"x" * 50
