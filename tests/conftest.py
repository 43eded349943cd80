"""Shared fixtures: the data folder (tests needing it skip with a reason when it is absent)
and a socket guard so that no test can reach the network."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from credscore.data import find_data_dir

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA_DIR = find_data_dir(None) or find_data_dir(ROOT.parent / "shared" / "data")

needs_data = pytest.mark.skipif(
    DATA_DIR is None,
    reason="labelled data not found: set CREDSCORE_DATA or place it at ../shared/data",
)


class _NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address: object) -> bool:
    host = address[0] if isinstance(address, tuple) and address else None
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """Fail any test that opens an internet socket (credscore must run offline). Loopback
    connections stay allowed: the Dask tests talk to a local cluster on 127.0.0.1."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise _NetworkBlocked(f"network access attempted: {address!r}")
        return real_connect(self, address)

    socket.socket.connect = guarded
    try:
        yield
    finally:
        socket.socket.connect = real_connect


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if DATA_DIR is None:
        pytest.skip("labelled data not found: set CREDSCORE_DATA or place it at ../shared/data")
    return DATA_DIR
