"""Secrets generated once (Flask secret key, graph root password, demo password)."""
import stat
from concurrent.futures import ThreadPoolExecutor

from config import kept_secret


def test_a_kept_secret_is_made_once_with_mode_0600(tmp_path):
    path = tmp_path / "sub" / "secret_key"
    first = kept_secret(path, nbytes=16)
    assert len(first) >= 16
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert kept_secret(path, nbytes=16) == first
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # nothing left aside


def test_racing_creators_all_read_the_same_value(tmp_path):
    path = tmp_path / "root.password"
    with ThreadPoolExecutor(8) as pool:
        values = set(pool.map(lambda _: kept_secret(path), range(32)))
    assert values == {path.read_text()}
