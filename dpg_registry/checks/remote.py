"""Which repository addresses the registry's worker may clone: https to a public host only (no SSRF).

A person running ``dpg check`` may clone anything their machine reaches. The worker clones addresses
that applicants typed, so it refuses hosts that resolve to loopback, private, link-local or other
non-public addresses, pins git to the address it checked (a second DNS answer cannot point
elsewhere), and does not follow redirects.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from dpg_registry.checks.errors import UnsafeAddress
from dpg_registry.lib.ports import port_problem


def _kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not public, or None."""
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if address.is_global else "non-public"


def public_clone_options(url: str) -> list[str]:
    """git ``-c`` options that clone ``url`` only from the public address its host resolves to now."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise UnsafeAddress(f"{url}: only https:// repository addresses are cloned")
    if parts.username or parts.password:
        raise UnsafeAddress(f"{url}: an address with a user name or password is not cloned")
    problem = port_problem(url)
    if problem:
        raise UnsafeAddress(f"{url}: not a usable port ({problem})")
    port = parts.port or 443
    try:
        answers = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress(f"{url}: the host {parts.hostname} cannot be resolved ({error})") from None
    addresses = sorted({answer[4][0] for answer in answers})
    for address in addresses:
        kind = _kind(ipaddress.ip_address(address.split("%")[0]))
        if kind:
            raise UnsafeAddress(f"{url}: the host {parts.hostname} resolves to a {kind} address ({address})")
    pinned = ",".join(f"[{a}]" if ":" in a else a for a in addresses)
    return [
        "-c", f"http.curloptResolve={parts.hostname}:{port}:{pinned}",
        "-c", "http.followRedirects=false",
        "-c", "protocol.allow=never", "-c", "protocol.https.allow=always",
    ]


def literal_address_problem(url: str) -> str | None:
    """A reason to refuse the address before any lookup: not https, or a non-public host named directly."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "a repository address must start with https://"
    if port_problem(url):
        return f"{url} names no valid port (a port is a number from 1 to 65535)"
    host = parts.hostname
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return f"the host {host} is not on the public internet"
    try:
        kind = _kind(ipaddress.ip_address(host))
    except ValueError:
        return None
    return f"the host {host} is a {kind} address" if kind else None
