"""Report files written atomically and named safely: the engine's only way to write a file.

A file is written to a temporary name in its own folder, flushed and fsynced,
then renamed over the final name (os.replace is atomic on one file system):
a reader sees the old file or the new one, never half of one. A process killed
mid-write leaves only a temporary file, which the next run of that period
removes before it starts.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".partial-"
TEMP_SUFFIX = ".tmp"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(key: str) -> str:
    """A file name for an entity key (keys are stable; odd characters get a short hash)."""
    cleaned = _UNSAFE.sub("_", key).lstrip(".") or "_"
    if cleaned != key:
        cleaned += "-" + hashlib.sha256(key.encode()).hexdigest()[:8]
    return cleaned


def period_folder(root: Path, *, tenant: str, kind: str, period: str) -> Path:
    """Where one run's artifacts live: <root>/<tenant>/<kind>/<period>/."""
    return Path(root) / safe_name(tenant) / kind / safe_name(period)


def write_atomic(path: Path, data: bytes) -> tuple[int, str]:
    """Write bytes to `path` atomically; returns (size, sha256)."""
    with open_atomic(path) as fh:
        fh.write(data)
    return len(data), hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` only once it is complete (fsynced, renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.",
                               suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def file_digest(path: Path) -> tuple[int, str]:
    """(size, sha256) of a file on disk."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def sync_folder(folder: Path) -> None:
    """fsync a folder, so the renames in it survive a power cut too."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_temporary(path: Path) -> bool:
    return path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX)


def clean_temporary(folder: Path) -> int:
    """Remove temporary files a killed run left under `folder`; returns how many."""
    removed = 0
    if not Path(folder).is_dir():
        return 0
    for path in Path(folder).rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed
