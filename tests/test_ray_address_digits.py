"""--ray host:² (a superscript digit passes str.isdigit, not int()) was an internal error, exit 70
(ValueError out of engine.distributed.cluster.reachable): it is not a Ray address, one line, exit 2."""

from __future__ import annotations

import pytest

from engine.distributed.cluster import reachable
from engine.errors import UsageError


@pytest.mark.parametrize("address", ["host:²", "ray://head:¹²", "head:6379①"])
def test_a_port_of_digit_like_characters_is_not_a_ray_address(address):
    with pytest.raises(UsageError, match=f"--ray {address}: not a Ray address; use auto, host:port"):
        reachable(address, timeout_s=0.1)
