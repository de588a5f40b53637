"""textual-serve's aiohttp server with Jupyter-style protection, for ``textaudit serve``.

Every request needs the session token: in the URL (``?token=...``, as printed at start), in a
cookie set on the first page load that carried it (so the page's own assets and websocket work),
or in an ``Authorization: token ...`` header. The Host header must name this server (a loopback
name, an IP address, the bind host, this machine's name when bound to every interface, or the
``--public-url`` host), which defeats DNS rebinding; an Origin header, where a browser sends one,
must be the page's own. At most ``max_sessions`` app processes run at once. The page addresses
its assets and websocket relative to where it was loaded (or to ``--public-url``), so it works
through tunnels and port forwards, and it loads nothing from the internet (fonts are local).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import secrets
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from textual_serve.server import Server
from yarl import URL

from tui.serve_session import run_session

if TYPE_CHECKING:
    from aiohttp.typedefs import Handler

#: Names that always mean this machine.
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
#: Bind addresses that listen on every interface.
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
#: The page template (jinja2), next to this file.
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"


def new_token() -> str:
    """A fresh random session token (as Jupyter's: URL-safe, 192 bits)."""
    return secrets.token_urlsafe(24)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _hostname(netloc: str) -> str | None:
    """The host name of ``host[:port]``, lower case, IPv6 brackets kept off; None if malformed."""
    try:
        host = URL(f"http://{netloc}").host
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


class GuardedServer(Server):
    """A textual-serve :class:`Server` that admits only token holders, on its own address."""

    def __init__(self, command: str, *, host: str, port: int, token: str, public_url: str | None = None,
                 max_sessions: int = 3, title: str = "textaudit",
                 announce: Callable[[str], None] | None = None) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url,
                         templates_path=TEMPLATES)
        self.token = token
        #: Only an explicit public URL is written into the page; otherwise addresses are relative.
        self.base_url = public_url.rstrip("/") if public_url else None
        self.max_sessions = max_sessions
        self.sessions = 0
        # one name per server (cookies ignore ports: two servers behind forwards must not clash)
        self.cookie_name = "textaudit-" + hashlib.sha256(token.encode()).hexdigest()[:12]
        self.announce = announce or (lambda line: None)
        self.allowed_hosts = self._allowed_hosts(host, public_url)
        self.public_origin = self._origin(public_url) if public_url else None

    # -- who may connect ---------------------------------------------------------------------

    @staticmethod
    def _allowed_hosts(host: str, public_url: str | None) -> frozenset[str]:
        names = set(LOOPBACK_NAMES)
        if host not in WILDCARD_HOSTS:
            names.add(host.lower().strip("[]"))
        else:  # every interface: this machine's own name as well
            name = socket.gethostname().lower()
            names |= {name, name.split(".")[0]}
        if public_url and URL(public_url).host:
            names.add(URL(public_url).host.lower())
        return frozenset(names)

    @staticmethod
    def _origin(url: str) -> str:
        parsed = URL(url)
        return str(parsed.origin()).lower()

    def host_allowed(self, netloc: str | None) -> bool:
        """Whether a Host header names this server (IP literals cannot be DNS-rebound)."""
        name = _hostname(netloc or "")
        return name is not None and (name in self.allowed_hosts or _is_ip_literal(name))

    def origin_allowed(self, origin: str | None, netloc: str) -> bool:
        """Whether an Origin header (absent for non-browser clients) is the page's own."""
        if origin is None:
            return True
        try:
            parsed = URL(origin)
        except ValueError:
            return False
        if parsed.scheme not in ("http", "https") or not parsed.host:
            return False  # "null" (sandboxed frames, files) and anything stranger
        if self.public_origin and str(parsed.origin()).lower() == self.public_origin:
            return True
        return parsed.raw_authority.lower() == netloc.lower()

    def presented_token(self, request: web.Request) -> str | None:
        """The token a request carries, from the URL, the cookie or an Authorization header."""
        if "token" in request.query:
            return request.query["token"]
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("token "):
            return header[6:].strip()
        return request.cookies.get(self.cookie_name)

    def refusal(self, request: web.Request) -> str | None:
        """Why a request is refused, or None when it may go on."""
        netloc = request.headers.get("Host", "")
        if not self.host_allowed(netloc):
            return (f"Host {netloc!r} is not this server's address; behind a proxy or another "
                    "host name, start textaudit serve with --public-url")
        if not self.origin_allowed(request.headers.get("Origin"), netloc):
            return f"Origin {request.headers.get('Origin')!r} is not this page's origin"
        token = self.presented_token(request)
        if not token or not hmac.compare_digest(token.encode(), self.token.encode()):
            return "this page needs the URL with ?token=... that textaudit serve printed when it started"
        return None

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """aiohttp middleware: refuse with 403, remember a valid URL token in a cookie."""
        why = self.refusal(request)
        if why is not None:
            return web.Response(status=403, text=f"403 Forbidden: {why}\n",
                                headers={"Cache-Control": "no-store"})
        response = await handler(request)
        if not response.prepared:
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            if "token" in request.query:
                response.set_cookie(self.cookie_name, self.token, httponly=True, samesite="Strict", path="/")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    # -- the page ---------------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page: assets and websocket relative to it, or under ``--public-url``."""
        import aiohttp_jinja2

        try:
            font_size = int(request.query.get("fontsize", "16"))
        except ValueError:
            font_size = 16
        nonce = secrets.token_urlsafe(16)
        websocket_url = ""
        connect = "'self'"
        if self.base_url:
            websocket_url = "ws" + self.base_url[4:] + "/ws"  # http -> ws, https -> wss
            connect += " ws" + self._origin(self.base_url)[4:]  # its ws:// or wss:// origin
        context: dict[str, Any] = {
            "font_size": max(6, min(font_size, 64)),
            "static_url": f"{self.base_url}/static/" if self.base_url else "static/",
            "websocket_url": websocket_url,
            "title": self.title,
            "nonce": nonce,
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self'; connect-src {connect}; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'none'"
        )
        return response

    # -- sessions ---------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app process per websocket, at most ``max_sessions`` at once."""
        if self.sessions >= self.max_sessions:
            open_now = "1 session is" if self.sessions == 1 else f"{self.sessions} sessions are"
            message = (f"textaudit: {open_now} already open (--max-sessions {self.max_sessions}); "
                       "close one, then press Restart")
            self.announce(f"textaudit: refused a session: {message.split(': ', 1)[1]}")
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.send_bytes(f"\r\n  {message}\r\n".encode())
            await websocket.close(code=4503, message=message.encode()[:120])
            return websocket
        self.sessions += 1
        try:  # textual-serve's session, reading a closed tab's app to its end (tui/serve_session.py)
            return await run_session(self, request, self.announce)
        finally:
            self.sessions -= 1

    # -- running ----------------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a banner here; textaudit prints its URL once bound instead."""

    def initialize_logging(self) -> None:
        """Warnings only (the access log would print every request, token included)."""
        logging.basicConfig(level=logging.WARNING, format="textaudit serve: %(message)s")

    def serve(self, debug: bool = False, on_ready: Callable[[], None] | None = None) -> None:  # type: ignore[override]
        """Serve until SIGINT/SIGTERM; ``OSError`` when the address cannot be bound."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            import signal

            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        except (NotImplementedError, RuntimeError):
            pass
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    access_log=None, print=lambda *args: on_ready() if on_ready else None)
