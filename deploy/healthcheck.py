"""Exit 0 when the registry's /healthz answers 200, else 1 with the reason: the container's HEALTHCHECK.

Usage: python healthcheck.py [URL]   (default http://127.0.0.1:8000/healthz). Only the standard library:
the image has no curl.
"""

import sys
import urllib.error
import urllib.request

url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/healthz"
try:
    with urllib.request.urlopen(url, timeout=5):
        sys.exit(0)  # urlopen raises on every status but 2xx; /healthz answers only 200 or 503
except urllib.error.HTTPError as error:
    print(f"{url}: {error.code} {error.read().decode('utf-8', 'replace')}", file=sys.stderr)
except OSError as error:
    print(f"{url}: {error}", file=sys.stderr)
sys.exit(1)
