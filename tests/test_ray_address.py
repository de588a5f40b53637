"""``--ray`` with the dashboard's URL (``http://head:8265``, what a browser shows) or a port out of
range was probed as a host named 'http://head' ('Name or service not known') or a refused
connection: it is 'not a Ray address', with why. No Ray is started: only the address is read."""

from __future__ import annotations

import pytest

from engine.distributed.cluster import reachable
from engine.errors import UsageError


@pytest.mark.parametrize("address, why", [
    ("http://127.0.0.1:8265", "(http:// is not Ray's; the dashboard's http address is not the cluster's)"),
    ("https://head.example:443", "(https:// is not Ray's"),
    ("127.0.0.1:99999", "(port 99999 is out of range)"),
    ("127.0.0.1:0", "(port 0 is out of range)"),
])
def test_an_address_that_is_not_rays_says_why(address: str, why: str) -> None:
    with pytest.raises(UsageError) as error:
        reachable(address, timeout_s=1)
    assert error.value.message.startswith(f"--ray {address}: not a Ray address {why}"), error.value.message
    assert error.value.message.endswith("use auto, host:port or ray://host:port")


def test_a_refused_ray_address_is_still_said_as_unreachable() -> None:
    with pytest.raises(UsageError, match="cannot reach a Ray cluster there"):
        reachable("ray://127.0.0.1:1", timeout_s=1)
