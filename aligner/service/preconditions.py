"""ETags and If-Match: the revision a client saw, read strictly.

The ETag of a document is its revision number, ``"rev3"``. A change sends it back in
``If-Match`` so that nobody overwrites a revision they have not seen (a lost update).
Accepted forms: ``"rev3"`` (what we send), ``rev3``, ``3`` and the weak ``W/"rev3"`` that
some proxies make of ours. Anything else is a 400 problem, never a crash: lists of tags,
non-ASCII digits, numbers longer than any revision. ``If-Match: *`` ("any revision") does
not say which revision the client edited, so a correction (PATCH) refuses it with 428; a
re-alignment, whose If-Match is optional, takes it as "whatever is current".
"""

from __future__ import annotations

import re

from aligner.service.problems import Problem

__all__ = ["etag", "expected_revision"]

_TAG = re.compile(r'(?:W/)?("?)(?:rev)?([0-9]{1,9})\1', re.ASCII)


def etag(revision: int) -> str:
    """Return the ETag of ``revision``.

    >>> etag(3)
    '"rev3"'
    """
    return f'"rev{revision}"'


def expected_revision(value: str | None, *, required: bool) -> int | None:
    """Return the revision an If-Match header names, or None for "any".

    >>> [expected_revision(v, required=True) for v in ('"rev3"', "rev3", " 3 ", 'W/"rev3"')]
    [3, 3, 3, 3]
    >>> expected_revision("*", required=False) is None
    True
    >>> expected_revision('"rev²"', required=True)
    Traceback (most recent call last):
    ...
    aligner.service.problems.Problem: If-Match '"rev²"' is not a revision of this document; send the ETag you got, e.g. "rev3"
    """  # noqa: E501
    tag = (value or "").strip()
    if not tag or tag == "*":
        if required:
            detail = (
                'send If-Match with the revision you edited (the ETag, e.g. "rev3")'
                if not tag
                else "If-Match: * does not say which revision you edited; send its ETag"
            )
            raise Problem("precondition-required", detail)
        return None
    found = _TAG.fullmatch(tag)
    if found is None:
        shown = tag if len(tag) <= 40 else tag[:40] + "…"
        raise Problem(
            "bad-header",
            f"If-Match {shown!r} is not a revision of this document; "
            'send the ETag you got, e.g. "rev3"',
        )
    return int(found.group(2))
