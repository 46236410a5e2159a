"""The time stamps written into documents and revisions."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def utc_now() -> str:
    """Return the current UTC time in ISO 8601 to the second.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) stands in for the clock, so
    the same inputs can give the same bytes.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "1781136000"
    >>> utc_now()
    '2026-06-11T00:00:00Z'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
