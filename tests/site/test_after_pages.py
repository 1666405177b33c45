"""Under `make serve`, what a build leaves for after its pages (files, the search index) runs in
the background (crte/mkdocs/incremental.py); the next build stops it rather than wait for it:
the files not written yet are left to that build, the index is not finished, the service is
killed, and nothing of it counts as an error."""
from __future__ import annotations

import threading
from pathlib import Path

from crte.mkdocs import incremental


def _background(tmp_path: Path, fail: bool = False) -> tuple[dict[str, int], threading.Event]:
    calls = {"files": 0, "write": 0, "close": 0, "kill": 0}
    started = threading.Event()

    def later(stopped: threading.Event) -> None:
        started.set()
        while not stopped.is_set():  # a long file, made bit by bit
            stopped.wait(0.01)
        calls["files"] += 1
        if fail:
            raise RuntimeError("le processus Pagefind s'est arrêté")  # what a killed service gives

    def write(folder: str) -> None:
        calls["write"] += 1

    incremental.after_pages(later, write, lambda: calls.__setitem__("close", calls["close"] + 1),
                            lambda: calls.__setitem__("kill", calls["kill"] + 1), str(tmp_path))
    return calls, started


def _stopped() -> None:
    # incremental.stop(), which must return though the run would never end by itself.
    stopping = threading.Thread(target=incremental.stop, daemon=True)
    stopping.start()
    stopping.join(10)
    assert not stopping.is_alive(), "la construction suivante attend la fin au lieu de l'arrêter"


def test_the_next_build_stops_what_the_previous_one_left(tmp_path: Path) -> None:
    calls, started = _background(tmp_path)
    assert started.wait(5)
    _stopped()
    assert calls == {"files": 1, "write": 0, "close": 1, "kill": 1}
    assert not (tmp_path / "pagefind").exists()


def test_what_a_stopped_run_raises_is_no_error(tmp_path: Path) -> None:
    calls, started = _background(tmp_path, fail=True)
    assert started.wait(5)
    _stopped()
    incremental.wait()  # nothing raised, now or later
    assert calls["close"] == 1


def test_a_run_left_alone_writes_the_index(tmp_path: Path) -> None:
    calls = {"write": 0}

    def write(folder: str) -> None:
        Path(folder).mkdir()
        calls["write"] += 1

    incremental.after_pages(lambda stopped: None, write, lambda: None, lambda: None, str(tmp_path))
    incremental.wait()
    assert calls["write"] == 1 and (tmp_path / "pagefind").is_dir()


def test_the_collector_is_held_until_after_the_pages(tmp_path: Path) -> None:
    """Under serve no collection of cycles runs during a build (collector.py): held from its
    start, released once what it leaves for after the pages is done, but not by a run the
    next build stopped (that build holds it)."""
    import gc

    from crte.mkdocs import collector

    try:
        collector.hold()
        calls, started = _background(tmp_path)
        assert started.wait(5)
        _stopped()
        assert not gc.isenabled()  # stopped: still held, for the build that stopped it

        def write(folder: str) -> None:
            assert not gc.isenabled()
            Path(folder).mkdir()

        incremental.after_pages(lambda stopped: None, write, lambda: None, lambda: None, str(tmp_path))
        incremental.wait()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_builds_stopped_in_a_row_do_not_keep_their_cycles_for_ever() -> None:
    """A staff member saving again and again stops each build's index: at the MAX_HELD-th
    build in a row without a collection, one runs first (collector.py)."""
    import gc
    import weakref

    from crte.mkdocs import collector

    class Node:
        pass

    def cycle() -> weakref.ref[Node]:
        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        return weakref.ref(a)

    try:
        collector.release()
        lost = []
        for _ in range(collector.MAX_HELD):
            lost.append(cycle())
            collector.hold()
        assert all(r() is not None for r in lost) and not gc.isenabled()
        collector.hold()
        assert all(r() is None for r in lost) and not gc.isenabled()
    finally:
        collector.release()
