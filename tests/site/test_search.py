"""crte/search/indexer.py when the Pagefind service misbehaves: the build must stop
with a message, never hang, and leave no process behind.

A small fake service stands in for `pagefind --service`: it speaks the same
protocol (base64 JSON messages, each followed by a comma) and misbehaves on cue.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from crte.search import indexer as search

FAKE = '''#!{python}
import base64, json, sys
mode = {mode!r}
if mode == "exits":
    sys.exit(1)

def reply(message):
    sys.stdout.write(base64.b64encode(json.dumps(message).encode()).decode() + ",")
    sys.stdout.flush()

buffer = ""
handled = 0
while chunk := sys.stdin.read(1):
    buffer += chunk
    if chunk != ",":
        continue
    raw, buffer = buffer[:-1], ""
    message = json.loads(base64.b64decode(raw))
    if mode == "garbage":
        sys.stdout.write("not base64!,")
        sys.stdout.flush()
        continue
    if message["payload"]["type"] == "NewIndex":
        reply({{"message_id": message["message_id"], "payload": {{"type": "IndexId", "index_id": 1}}}})
        continue
    handled += 1
    if mode == "dies-after-two-pages" and handled > 2:
        sys.exit(3)
    if mode == "cannot-read":
        # What the service sends when it cannot parse a message: no id, the message back.
        reply({{"payload": {{"type": "Error", "message": "message illisible", "original_message": raw and
               base64.b64decode(raw).decode()}}}})
        continue
    reply({{"message_id": message["message_id"], "payload": {{"type": "IndexedFile"}}}})
'''


@pytest.fixture
def fake_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def make(mode: str) -> Path:
        script = tmp_path / f"fake-pagefind-{mode}"
        script.write_text(FAKE.format(python=sys.executable, mode=mode), encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setattr(search, "get_executable", lambda: script)
        monkeypatch.setattr(search, "TIMEOUT_S", 5)  # a hang fails the test instead of stalling it
        return script
    return make


def test_a_service_that_exits_at_once_stops_the_start(fake_service) -> None:
    fake_service("exits")
    with pytest.raises(RuntimeError, match="le processus Pagefind s'est arrêté"):
        search.SearchIndexer()


def test_unreadable_replies_fail_instead_of_hanging(fake_service) -> None:
    fake_service("garbage")
    with pytest.raises(RuntimeError, match="réponse illisible de Pagefind"):
        search.SearchIndexer()


def test_a_service_dying_mid_build_stops_the_build(fake_service, tmp_path: Path) -> None:
    fake_service("dies-after-two-pages")
    indexer = search.SearchIndexer()
    with pytest.raises(RuntimeError, match="le processus Pagefind s'est arrêté"):
        for n in range(1000):  # it dies after two: sending fails, or waiting for the replies does
            indexer.add("<html><body><p>page</p></body></html>", f"/page-{n}/")
        indexer.write(str(tmp_path / "pagefind"))
    indexer.close()  # does not raise on the broken pipe
    assert indexer._proc.returncode == 3
    assert not (tmp_path / "pagefind").exists()


def test_a_message_the_service_could_not_read_fails_its_sender(fake_service, tmp_path: Path) -> None:
    # The reply carries no message_id: it is matched through the message sent back.
    fake_service("cannot-read")
    indexer = search.SearchIndexer()
    indexer.add("<html><body><p>page</p></body></html>", "/page/")
    with pytest.raises(RuntimeError, match="message illisible"):
        indexer.write(str(tmp_path / "pagefind"))
    indexer.close()
    assert indexer._proc.returncode == 0


def test_the_real_service_round_trip(tmp_path: Path) -> None:
    indexer = search.SearchIndexer()
    try:
        indexer.add(search.search_document("<div data-pagefind-body><h1>Cité Nouméa</h1><p>Rénovation</p></div>",
                                           "Cité Nouméa", "fr"), "/actions/cite-noumea/")
        indexer.write(str(tmp_path / "pagefind"))
    finally:
        indexer.close()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["und"]["page_count"] == 1  # no stemmer (search.py)
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 1


def test_a_large_index_comes_in_parts(tmp_path: Path) -> None:
    # Each page in one part, chosen by its address; the first part holds the scripts.
    assert [search.parts_for(n) for n in (1, 170, search.PAGES_PER_PART, search.PAGES_PER_PART + 1)] == [1, 1, 1, 2]
    indexer = search.SearchIndexer()
    try:
        indexer.split(3)
        for n in range(30):
            indexer.add(search.search_document(f"<div data-pagefind-body><h1>Page {n}</h1></div>", "", "fr"),
                        f"/page-{n}/")
        indexer.write(str(tmp_path / "pagefind"))
    finally:
        indexer.close()
    root = tmp_path / "pagefind"
    counts = [json.loads((d / "pagefind-entry.json").read_text("utf-8"))["languages"]["und"]["page_count"]
              for d in (root, root / "partie-1", root / "partie-2")]
    assert sum(counts) == 30 and all(counts)
    assert (root / "pagefind.js").is_file() and not (root / "partie-1" / "pagefind.js").exists()
    assert sorted(p.name for p in (root / "partie-2").iterdir() if p.is_dir()) == ["fragment", "index"]
