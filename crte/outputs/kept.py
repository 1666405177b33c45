"""Files a build drew, kept on disk for the next build of the same project.

Drawing an action's share image costs 4.6 ms (crte/outputs/share_image.py): 11 s of
processor at 2 500 actions, for images that only change with their action. A build
keeps each one in `.cache/partage/` of the project's folder (ignored by git, safe to
delete: the next build draws again), named by a digest of everything the image is
drawn from (`share_image.action_key`: the card's texts, the drawing code, the fonts,
Pillow and FreeType); the next build reads it instead of drawing it. Material's own
social cards are kept the same way (`.cache/plugin/social`).

    Kept(folder | None).get(key, make, valid) -> bytes

A file is written whole, then renamed: a build stopped halfway leaves no part of one.
A file that `valid` refuses (damaged) is drawn again; a folder that cannot be written
to leaves the images drawn, not kept.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Kept:
    """The files of one folder, by key (None: nothing kept, everything made)."""

    folder: Path | None

    def get(self, key: str, make: Callable[[], bytes], valid: Callable[[bytes], bool]) -> bytes:
        """The bytes kept under `key` when `valid` accepts them, else `make()`, kept for the next build."""
        if self.folder is None:
            return make()
        path = self.folder / key[:2] / key
        try:
            kept = path.read_bytes()
            if valid(kept):
                return kept
        except OSError:
            pass
        made = make()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{key}.")
        except OSError:  # a folder that cannot be written to: drawn again next time
            return made
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(made)
            os.replace(temp, path)
        except OSError:  # a full disk
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return made
