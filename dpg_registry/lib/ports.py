"""Ports in web addresses, checked without Django: `dpg check` uses this and starts without it."""

from urllib.parse import urlsplit


def port_problem(url: str) -> str | None:
    """Why the port in ``url`` is not one a connection can use, or None (no port given is port 443 or 80).

    Django's URL validator lets ``:99999`` through, and ``urlsplit(url).port`` raises on it, so code that
    reads the port later would fail on an address the form had kept.
    """
    try:
        port = urlsplit(url).port
    except ValueError as error:
        return str(error)
    if port is not None and not 1 <= port <= 65535:
        return f"port {port} is out of range 1-65535"
    return None
