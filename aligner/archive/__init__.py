"""Many documents in one folder: batch adding, search, page fetching, integrity checks.

::

    with Archive("archive", create=True) as archive:
        summary = archive.add(["corpus/"], executor="processes")
        for hit in archive.search('"human rights"', langs=["en"]):
            print(hit.doc, hit.bead, hit.text, hit.counterparts)
        report = archive.check()
"""

from __future__ import annotations

from aligner.archive.archive import AddSummary, Archive, CheckReport
from aligner.archive.fetch import Fetcher, FetchError, Snapshot
from aligner.index import Hit, QueryError, fold

__all__ = [
    "AddSummary",
    "Archive",
    "CheckReport",
    "FetchError",
    "Fetcher",
    "Hit",
    "QueryError",
    "Snapshot",
    "fold",
]
