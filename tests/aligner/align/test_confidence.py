"""Cert from posteriors: bounded, monotone, shaped by bead class and by lengths."""

from __future__ import annotations

import pytest

from aligner.align.confidence import BeadFit, bead_cert, path_certs


@pytest.mark.parametrize(
    ("a", "b", "plain"), [(1, 1, True), (1, 1, False), (1, 2, False), (2, 2, False), (0, 1, False)]
)
def test_the_cert_rises_with_the_posterior_and_stays_in_bounds(a: int, b: int, plain: bool) -> None:
    values = [bead_cert(BeadFit(p / 100, a, b), plain=plain) for p in range(0, 101, 5)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert values == sorted(values)
    assert values[0] < 0.1 < 0.5 < values[-1]


def test_only_plain_one_to_one_beads_reach_the_top_band() -> None:
    assert bead_cert(BeadFit(1.0, 1, 1), plain=True) >= 0.9
    shapes = [(1, 1), (1, 2), (2, 1), (3, 2), (1, 0)]
    assert all(bead_cert(BeadFit(1.0, a, b)) < 0.9 for a, b in shapes)


def test_a_low_posterior_gives_a_cert_below_one_half() -> None:
    assert bead_cert(BeadFit(0.4, 1, 1), plain=True) < 0.5


def test_a_one_to_one_bead_beside_a_merge_is_not_plain() -> None:
    certs = path_certs([BeadFit(0.99, 1, 1)] * 3 + [BeadFit(0.99, 2, 1)])
    assert certs[1] > certs[2]


def test_lengths_within_one_deviation_leave_the_cert_alone() -> None:
    sure = bead_cert(BeadFit(1.0, 1, 1), plain=True)
    assert bead_cert(BeadFit(1.0, 1, 1, deviation=-0.9), plain=True) == sure
    assert bead_cert(BeadFit(1.0, 1, 1, deviation=0.9), plain=True) == sure


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_a_one_to_one_bead_two_deviations_off_leaves_the_top_band(sign: float) -> None:
    values = [
        bead_cert(BeadFit(1.0, 1, 1, deviation=sign * d / 10), plain=True) for d in range(10, 40, 2)
    ]
    assert values == sorted(values, reverse=True)
    assert bead_cert(BeadFit(1.0, 1, 1, deviation=sign * 2.1), plain=True) < 0.9
    assert values[-1] < 0.5


def test_the_lengths_of_merged_and_lone_beads_are_not_held_against_them() -> None:
    for a, b in [(1, 2), (2, 2), (1, 0)]:
        assert bead_cert(BeadFit(0.95, a, b, deviation=3.0)) == bead_cert(BeadFit(0.95, a, b))


def test_one_to_one_beads_whose_mismatches_cancel_leave_the_top_band() -> None:
    # one bead long, the next short: joined, they fit; the beads around them are as long
    # as a translation
    def run(d: float) -> list[float]:
        before = BeadFit(1.0, 1, 1, joined=d / 2)
        long, short = BeadFit(1.0, 1, 1, d, joined=0.0), BeadFit(1.0, 1, 1, -d, joined=-d / 2)
        return path_certs([before, long, short, BeadFit(1.0, 1, 1)])

    top = bead_cert(BeadFit(1.0, 1, 1), plain=True)
    within = run(1.0)  # within one deviation: the rule on a bead's own length is silent
    assert within[1] < top
    assert within[2] < top
    assert all(cert < 0.9 for cert in run(1.4)[1:3])


def test_one_to_one_beads_long_alike_keep_their_cert() -> None:
    # all long: joined, they are as far off still, so the lengths do not favour joining
    certs = path_certs([BeadFit(1.0, 1, 1, 0.9, joined=1.3)] * 4)
    assert certs[1] == certs[2] == bead_cert(BeadFit(1.0, 1, 1), plain=True)


def test_a_merged_neighbour_is_not_joined() -> None:
    long, merged = BeadFit(1.0, 1, 1, 1.0, joined=0.0), BeadFit(1.0, 2, 1, -1.0)
    certs = path_certs([long, merged])
    assert certs[0] == bead_cert(BeadFit(1.0, 1, 1))
