"""Strict reading of the environment: a wrong value stops the process with the variable's name."""

import os
import re
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def read_str(name: str, default: str | None = None) -> str | None:
    """A variable's value, or the content of the file named by ``NAME_FILE`` (setting both is an error)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name and name in os.environ:
        raise ImproperlyConfigured(f"{name} and {name}_FILE are both set: set only one of them")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {exc.strerror}") from exc
    return os.environ.get(name, default)


def read_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}")
    return value == "true"


def read_int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def read_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    return read_str("SECRET_KEY") or _generated_once(var_dir / "secret-key", lambda: secrets.token_urlsafe(50))


def _generated_once(key_file: Path, make) -> str:
    """The key kept in ``key_file``, made by ``make()`` and written (readable by its owner only) the first time."""
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(make(), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


# At least 32 bytes, written in hexadecimal: what `openssl rand -hex 32` prints.
HEX_KEY = re.compile(r"^(?:[0-9a-fA-F]{2}){32,}$")


def read_hex_key(name: str, var_dir: Path, file_name: str) -> str:
    """A key from ``NAME`` (or ``NAME_FILE``), else one generated once into ``file_name`` of the data folder."""
    configured = read_str(name)
    if configured:
        return _hex_key(configured, name)
    key_file = var_dir / file_name
    return _hex_key(_generated_once(key_file, lambda: secrets.token_hex(32)), str(key_file))


def read_hex_keys(name: str) -> list[str]:
    """Keys separated by commas, spaces or lines, from ``NAME`` or the file ``NAME_FILE``."""
    return [_hex_key(part, name) for part in re.split(r"[\s,]+", read_str(name) or "") if part]


def _hex_key(value: str, name: str) -> str:
    if not HEX_KEY.match(value):
        # The value itself is a secret: say only how it is wrong.
        raise ImproperlyConfigured(f"{name} must be a key of at least 64 hexadecimal characters (32 bytes, e.g. "
                                   f"from 'openssl rand -hex 32'), not a value of {len(value)} characters")
    return value.lower()


RATE = re.compile(r"^\d+/\d*[smhd]/(ip|user|key)$")


def read_rate(name: str, default: str) -> str:
    """Rate limits as ``N/period/key`` (period s, m, h or d, optionally with a count: ``5m``), comma-separated."""
    value = os.environ.get(name, default)
    if not all(RATE.match(part.strip()) for part in value.split(",")):
        raise ImproperlyConfigured(f"{name} must be rates like '30/m/ip,10/h/user', not {value!r}")
    return value


def read_cache(redis_url: str | None, cache_url: str | None) -> dict:
    """The shared cache (Redis at the URL, else the database) and the cache of rendered pages."""
    if redis_url and cache_url:
        raise ImproperlyConfigured("REDIS_URL and CACHE_URL are both set: set only one of them")
    url = redis_url or cache_url
    if not url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "dpg_cache",
                        "OPTIONS": {"MAX_ENTRIES": 100_000}},  # one row per address and limit: cull rarely
            # Pages are keyed on the registry's generation, so a per-process copy is never stale; keeping
            # them out of the database spares a write per page read. Bounded by bytes, not entries (page_cache.py).
            "pages": {"BACKEND": "dpg_registry.lib.page_cache.PageMemoryCache",
                      "OPTIONS": {"MAX_ENTRIES": 1_000_000,
                                  "MAX_BYTES": read_int("DPG_PAGE_CACHE_MB", 64, minimum=1) * 1024 * 1024}},
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        name = "REDIS_URL" if redis_url else "CACHE_URL"
        raise ImproperlyConfigured(f"{name} must be a redis://, rediss:// or unix:// URL")
    # A Redis that hangs rather than refuses must fail like a dead one (the 503 of lib/outage.py), not hold
    # the request: each connection attempt and each command is given up after its timeout.
    timeouts = {"socket_connect_timeout": read_int("DPG_REDIS_CONNECT_TIMEOUT_SECONDS", 2, minimum=1),
                "socket_timeout": read_int("DPG_REDIS_TIMEOUT_SECONDS", 5, minimum=1)}
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "OPTIONS": timeouts}
    return {"default": redis, "pages": {**redis, "KEY_PREFIX": "pages"}}
