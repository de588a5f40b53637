"""A cache folder on a full disk: numpy's error for the cut-short array write ('115200 requested and
50144 written', seen on a 200 KiB tmpfs) was the whole note, which named no cause. The note now says
the disk is likely full; the entry is not written at all (atomic_path), so no half of it is read back.
A file size limit (RLIMIT_FSIZE, in a child process) cuts the write short as a full disk does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_CHILD = r"""
import json, resource, signal, sys
import numpy as np
from engine.cache import Cache
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
cache = Cache(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
cache.save("embeddings", "ab" * 32, {"vectors.npy": np.zeros((300, 96), dtype=np.float32)})
print(json.dumps(cache.events))
"""


def test_a_write_cut_short_says_the_disk_is_full(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _CHILD, str(tmp_path / "cache")], capture_output=True, text=True,
                          cwd=tmp_path, env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)
    assert len(events) == 1 and events[0].startswith("could not write cache entry embeddings/abababab: the disk is "
                                                     "full? "), events
    # numpy counts the values (fwrite's items): 28,800 float32 values are 115,200 bytes, not '28,800 bytes'
    assert events[0].endswith(" of 28,800 array values written"), events
    assert not list((tmp_path / "cache").rglob("vectors.npy"))  # nothing half-written left as an entry
