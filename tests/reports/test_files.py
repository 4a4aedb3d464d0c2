"""Artifact files appear whole or not at all; leftovers of a killed run are cleaned."""
from __future__ import annotations

import hashlib

import pytest

from reports import files


def test_write_atomic_records_size_and_digest(tmp_path):
    target = tmp_path / "t" / "report.json"
    size, digest = files.write_atomic(target, b'{"a": 1}\n')
    assert target.read_bytes() == b'{"a": 1}\n'
    assert (size, digest) == (9, hashlib.sha256(b'{"a": 1}\n').hexdigest())
    assert files.file_digest(target) == (size, digest)
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "report.pdf"
    files.write_atomic(target, b"old version")
    with pytest.raises(RuntimeError), files.open_atomic(target) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_leftover_temporary_files_are_removed(tmp_path):
    (tmp_path / "2023").mkdir()
    left = tmp_path / "2023" / f"{files.TEMP_PREFIX}s-1.pdf.abc{files.TEMP_SUFFIX}"
    left.write_bytes(b"partial")
    keep = tmp_path / "2023" / "s-1.pdf"
    keep.write_bytes(b"whole")
    assert files.is_temporary(left) and not files.is_temporary(keep)
    assert files.clean_temporary(tmp_path) == 1
    assert [p.name for p in (tmp_path / "2023").iterdir()] == ["s-1.pdf"]
    assert files.clean_temporary(tmp_path / "missing") == 0


def test_keys_become_safe_file_names():
    assert files.safe_name("s-bcn-01") == "s-bcn-01"
    odd = files.safe_name("../escola/ñ")
    assert "/" not in odd and not odd.startswith(".")
    assert odd != files.safe_name("../escola/n")  # distinct keys, distinct names
