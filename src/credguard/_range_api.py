"""The Pwned Passwords k-anonymity range API: where to ask, and asking.

:func:`range_counts` sends the first five hex digits of the hash to the
range API (``GET {api_url}{prefix}``, with ``Add-Padding: true`` so the
response size does not reveal the prefix's popularity, and
``?mode=ntlm`` for NTLM) and reads the ``SUFFIX:COUNT`` lines back.  The
full hash never leaves the process.  The HTTP call goes through a
*transport*, a callable ``(url, headers, timeout) -> bytes`` that raises
:class:`OSError` on any failure; :func:`urllib_transport` is the default
and tests inject their own.  Nothing touches the network at import.

Where the prefixes go is the application's choice, never a policy
file's: :data:`API_URL_ENV` or code (``BreachedRule(api_url=...)``),
and :func:`allowed_endpoint` admits only ``https://`` URLs, or
``http://`` to a loopback host (a test server).  The timeout is a
deadline for the whole lookup (connecting, TLS, headers and body), not
per socket operation: a server trickling a byte at a time is cut off.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections.abc import Callable, Mapping
from typing import Any, Final

__all__ = [
    "API_URL_ENV",
    "DEFAULT_API_URL",
    "MAX_RESPONSE_BYTES",
    "Transport",
    "allowed_endpoint",
    "range_counts",
    "urllib_transport",
]

#: The Pwned Passwords range endpoint (the prefix is appended).
DEFAULT_API_URL: Final = "https://api.pwnedpasswords.com/range/"
#: The environment variable an application may set to another range endpoint.
API_URL_ENV: Final = "CREDGUARD_BREACH_API_URL"
#: Largest range response read (a padded response is about 40 kB).
MAX_RESPONSE_BYTES: Final = 1 << 20

#: ``(url, headers, timeout_seconds) -> body``; raises OSError on failure.
Transport = Callable[[str, Mapping[str, str], float], bytes]

_PREFIX_LENGTH: Final = 5


def allowed_endpoint(url: str) -> bool:
    """Is *url* a range endpoint credguard may send to?

    ``https://`` to any host, or ``http://`` to a loopback host only
    (127.0.0.0/8, ``::1``, ``localhost``): plain HTTP would show every
    prefix to the network, and is only for a test server on this machine.
    """
    import ipaddress
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if not host or any(c.isspace() or ord(c) < 0x20 for c in url):
        return False
    if parts.scheme == "https":
        return True
    if parts.scheme != "http":
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Deadline:
    """Closes the sockets of one lookup when its time is up (a timer thread).

    A socket timeout bounds each operation, not the exchange: a server
    sending a byte a second holds a reader for as long as it likes.  When the
    deadline passes, every socket the lookup opened is shut down, which ends
    whatever read is blocked on it, and :attr:`expired` says the body read
    (possibly cut short, so possibly missing the hash) must not be trusted.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # closed already: nothing to end
            sock.shutdown(socket.SHUT_RDWR)


def urllib_transport(url: str, headers: Mapping[str, str], timeout: float) -> bytes:
    """GET *url* with :mod:`urllib`, all of it within *timeout* seconds.

    Redirects are not followed; 3xx, 4xx and 5xx answers raise ``HTTPError``
    (an ``OSError``), and a broken HTTP exchange is reported as ``OSError`` too.
    The timeout bounds the whole exchange (see :class:`_Deadline`).
    """
    # Imported here, not at module level: urllib and http.client cost about
    # 15 ms at import, and only the optional online check needs them.
    import http.client
    import urllib.request

    deadline = _Deadline(timeout)

    def connect(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        return deadline.watch(socket.create_connection(address, *args, **kwargs))  # type: ignore[arg-type]

    def watched(http_class: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Watched(http_class):  # type: ignore[valid-type,misc]
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, **kwargs)
                self._create_connection = connect

        return Watched

    # Both handlers open the connection class they are given, made to
    # register its socket with the deadline (TLS runs over that socket).
    class HttpHandler(urllib.request.HTTPHandler):
        def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
            return super().do_open(watched(http_class), req, **kwargs)

    class HttpsHandler(urllib.request.HTTPSHandler):
        def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
            return super().do_open(watched(http_class), req, **kwargs)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        # The range API answers directly; a redirect (to another host, or to a
        # file: or ftp: URL) is treated as a failure rather than followed.
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    if not allowed_endpoint(url):
        raise OSError("only https URLs, or http to a loopback host, are supported")
    request = urllib.request.Request(url, headers=dict(headers))  # noqa: S310 - scheme checked
    opener = urllib.request.build_opener(NoRedirect, HttpHandler, HttpsHandler)
    try:
        with deadline, opener.open(request, timeout=timeout) as response:
            body: bytes = response.read(MAX_RESPONSE_BYTES + 1)
    except http.client.HTTPException as error:
        raise OSError(f"HTTP exchange failed ({type(error).__name__})") from None
    except OSError:
        if deadline.expired:
            raise TimeoutError("the range API did not answer in time") from None
        raise
    if deadline.expired:
        # The read may have ended only because the socket was shut: a body
        # cut short could be missing the hash, so it is not an answer.
        raise TimeoutError("the range API did not answer in time")
    if len(body) > MAX_RESPONSE_BYTES:
        raise OSError("range response is too large")
    return body


_RANGE_LINE: Final = re.compile(rb"^([0-9A-Fa-f]+):(\d+)\s*$")


def range_counts(
    hex_hash: str,
    fmt: str,
    *,
    api_url: str = DEFAULT_API_URL,
    timeout: float = 3.0,
    transport: Transport = urllib_transport,
) -> int:
    """Ask the range API how often *hex_hash* was seen; OSError when it cannot say."""
    prefix, suffix = hex_hash[:_PREFIX_LENGTH].upper(), hex_hash[_PREFIX_LENGTH:].upper()
    url = f"{api_url}{prefix}" + ("?mode=ntlm" if fmt == "ntlm" else "")
    body = transport(url, {"Add-Padding": "true", "User-Agent": "credguard"}, timeout)
    if not isinstance(body, bytes):
        raise OSError("the transport returned no bytes")
    wanted = suffix.encode("ascii")
    lines = body.splitlines()
    for line in lines:
        match = _RANGE_LINE.match(line)
        if match is None:
            if line.strip():
                raise OSError("the range response is not SUFFIX:COUNT lines")
            continue
        if match.group(1).upper() == wanted:
            return int(match.group(2))
    return 0
