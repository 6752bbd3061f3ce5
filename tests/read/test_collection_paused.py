"""Issue 26: plans are read (and summarized) with Python's garbage collector paused, and it is left as it was."""

from __future__ import annotations

import gc

import pytest

from budgetbalans.read.loader import collection_paused


def test_the_collector_is_paused_while_reading_and_enabled_again_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_enabled_again_after_an_error() -> None:
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("a bug")
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
