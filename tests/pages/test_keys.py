"""The digests of page keys (crte/pages/action_scope.py, crte/mkdocs/incremental.py): equal
inputs, equal keys; any difference, another key; what pickle refuses still digested."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from crte.pages.action_scope import _Plain


def test_equal_values_give_equal_digests_and_others_other_ones() -> None:
    plain = _Plain()
    value = (Decimal("1.10"), dt.date(2022, 1, 3), b"{\"a\": \"\xc3\xa9\"}", ("x", None), {"k": [1, 2]})
    copy = (Decimal("1.10"), dt.date(2022, 1, 3), b"{\"a\": \"\xc3\xa9\"}", ("x", None), {"k": [1, 2]})
    assert plain.digest(*value) == plain.digest(*copy)
    for i, other in enumerate([Decimal("1.1"), dt.date(2022, 1, 4), b"{\"a\": \"e\"}", ("x", ""), {"k": [2, 1]}]):
        changed = value[:i] + (other,) + value[i + 1:]
        assert plain.digest(*changed) != plain.digest(*value), other
    # Decimal("1.10") and Decimal("1.1") are equal numbers, but do not print alike: other keys.


def test_what_pickle_refuses_is_digested_by_its_repr() -> None:
    class Local:  # a class defined in a function: pickle cannot find it again
        def __repr__(self) -> str:
            return "Local()"

    plain = _Plain()
    assert plain.digest(Local(), 1) == plain.digest(Local(), 1) != plain.digest(Local(), 2)
