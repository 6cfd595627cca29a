"""Running the web app: uvicorn on 127.0.0.1 unless told otherwise, with a warning when not.

The app shows every article in the store and (in a later version) accepts edits, with no login:
it is meant for one analyst's machine. Binding to another address exposes the store to the
network, so it is allowed (a newsroom may want it on a shared box) but never silent. The Host
header is checked against the names the server was bound to, so a web page the analyst visits
cannot reach the app through DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import sys

from dateline.interfaces.web.app import create_app
from dateline.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str]:
    """Host header values to accept: the loopback names, plus the bound host; any when bound to
    every interface (the user chose to be reachable under any name)."""
    if host in ("0.0.0.0", "::", "[::]"):
        return ["*"]
    return list(dict.fromkeys((*LOOPBACK_NAMES, host)))


def host_warning(host: str) -> str | None:
    """The warning printed for a non-loopback address (None for a loopback one)."""
    if is_loopback(host):
        return None
    return (
        f"warning: serving on {host}: anyone who can reach this address can read the whole "
        "store (there is no login); use the default 127.0.0.1 to keep it on this machine"
    )


def serve(settings: Settings, host: str, port: int, *, read_only: bool = False) -> None:
    """Serve the store until interrupted."""
    import uvicorn  # noqa: PLC0415 - only a running server needs it

    warning = host_warning(host)
    if warning:
        print(f"dateline: {warning}", file=sys.stderr)
    app = create_app(settings, read_only=read_only, allowed_hosts=allowed_hosts(host))
    shown = f"[{host}]" if ":" in host else host
    print(
        f"dateline: serving {settings.db_path} at http://{shown}:{port}/ (Ctrl-C stops)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
