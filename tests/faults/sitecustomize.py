"""Fault injection for the tests of a full disk or a read-only folder (tests/site/test_filesystem.py).

Imported by Python at start-up when this folder is on PYTHONPATH, in every process of a
build (build.py, MkDocs), which inherit the variable. CRTE_FAULT="ERRNO:WHAT:PREFIX"
makes the system calls that write below PREFIX fail with ERRNO (ENOSPC, EROFS, EPERM):
WHAT is "files" (opening a file to write: a full disk) or "all" (also creating a folder,
a link, renaming: a read-only or immutable folder). Nothing changes without the variable.
"""
from __future__ import annotations

import builtins
import errno
import io
import os

_spec = os.environ.get("CRTE_FAULT", "")
if _spec:
    _name, _what, _prefix = _spec.split(":", 2)
    _code = getattr(errno, _name)

    def _hit(path: object) -> bool:
        if isinstance(path, int):
            return False
        return os.path.abspath(os.fsdecode(path)).startswith(_prefix)  # type: ignore[arg-type]

    def _fail(path: object) -> None:
        raise OSError(_code, os.strerror(_code), os.fsdecode(path))  # type: ignore[arg-type]

    _open = builtins.open

    def _open_checked(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if any(c in mode for c in "wax+") and _hit(file):
            _fail(file)
        return _open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    builtins.open = io.open = _open_checked  # type: ignore[assignment]
    _os_open = os.open

    def _os_open_checked(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and _hit(path):
            _fail(path)
        return _os_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    os.open = _os_open_checked  # type: ignore[assignment]
    if _what == "all":
        def _checked(call, where: int = 0):  # type: ignore[no-untyped-def]
            def run(*args, **kwargs):  # type: ignore[no-untyped-def]
                if _hit(args[where]):
                    _fail(args[where])
                return call(*args, **kwargs)
            return run

        os.mkdir = _checked(os.mkdir)  # type: ignore[assignment]
        os.symlink = _checked(os.symlink, 1)  # type: ignore[assignment]
        for _call in ("rename", "replace", "unlink", "rmdir", "chmod"):
            setattr(os, _call, _checked(getattr(os, _call)))

    # Python probes the temporary folder by writing a file there, and silently takes
    # another when that fails: the folder given is the one used, as on a real machine.
    import tempfile
    tempfile.tempdir = os.environ.get("TMPDIR") or None
