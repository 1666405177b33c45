"""Compiled Jinja templates, kept for the next render and the next build.

Compiling a template costs more than rendering it once: at real size, the theme's and
ours took 0.35 s of a 2.2 s build, and 1 s of 2 in each rebuild under `make serve`.
`COMPILED`, the bytecode cache of our environment and (through the plugin) the theme's,
keeps each template's code in memory for the process's life and, once the plugin named
the folder (`keep_in`: `.cache/gabarits/` of the project's folder, ignored by git, safe
to delete), on disk for the next build (Jinja's `FileSystemBytecodeCache`: files
written whole, then renamed).

A cached code is used only for the same template (name and file), the same source
(Jinja's checksum of it), the same Jinja and Python (the bucket's magic), and the same
settings of the environment that compiles it (`settings` below: an environment with
other delimiters, `trim_blocks` or autoescaping compiles other code). Anything else
compiles again. A folder that cannot be made leaves the cache in memory.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

PATTERN = "%s.cache"  # the files' names in the folder


def settings(env: Environment, name: str) -> str:
    """What of `env` changes the code compiled from template `name` (repr of a tuple)."""
    autoescape: Any = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return repr((
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.is_async, sorted(env.extensions), getattr(env.finalize, "__qualname__", None), autoescape,
    ))


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache: in memory, and on disk once `keep_in` named a folder."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._disk: BytecodeCache | None = None

    def keep_in(self, folder: Path) -> None:
        """Keep the compiled code in `folder` too (made if missing), for the next build; a
        folder that cannot be made: in memory only (not in the folder of an earlier build)."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self._disk = None
            return
        self._disk = FileSystemBytecodeCache(str(folder), pattern=PATTERN)

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1(f"{self.get_cache_key(name, filename)}|{settings(environment, name)}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key + bucket.checksum)) is not None:
            bucket.bytecode_from_string(code)
        elif self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)  # a stale or foreign file leaves bucket.code None
            except (EOFError, ValueError, TypeError, pickle.UnpicklingError):  # damaged, not Jinja's: compiled again
                bucket.reset()
            if bucket.code is not None:
                self._code[bucket.key + bucket.checksum] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key + bucket.checksum] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: the next build compiles again
                pass


COMPILED = CompiledTemplates()
