"""``--ray auto`` with no cluster to find quoted Ray's own words, which name an ``--address`` flag
textaudit does not have ('Please specify the one to connect to by setting `--address` flag or
`RAY_ADDRESS` ...'). It says what it looked for and the three ways on."""

from __future__ import annotations

import pytest

from engine.errors import UsageError

ray = pytest.importorskip("ray")

RAYS_WORDS = ("Could not find any running Ray instance. Please specify the one to connect to by setting `--address` "
              "flag or `RAY_ADDRESS` environment variable.")


def test_ray_auto_without_a_cluster_says_so_in_textaudits_words(monkeypatch) -> None:
    from engine.distributed import cluster

    def refuse(*args, **kwargs):
        raise ConnectionError(RAYS_WORDS)

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", refuse)
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    with pytest.raises(UsageError) as error:
        cluster.connect("auto")
    assert error.value.message == ("--ray auto: no running Ray cluster found (none started on this machine, "
                                   "RAY_ADDRESS unset); start one with `ray start --head`, give host:port, or use "
                                   "--ray alone for a local instance")
