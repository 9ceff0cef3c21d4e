"""The public HTTP API: version 1 (django-ninja) and the DPGA registry's legacy shapes."""
