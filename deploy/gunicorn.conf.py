"""gunicorn's settings for production, beside what `dpg serve` sets itself.

`dpg serve` chooses the address (--host, --port), the number of processes (--workers) and runs four
threads in each. Point gunicorn at this file through the environment, as the systemd unit does:

    GUNICORN_CMD_ARGS="--config /srv/dpg-registry/deploy/gunicorn.conf.py"
"""

# nginx on the same machine sets X-Forwarded-For and X-Forwarded-Proto; trust them from it alone.
# (With nginx on other machines, list their addresses here.)
forwarded_allow_ips = "127.0.0.1,::1"

# A request that takes longer than this is stopped and logged; the largest dump streams well within it.
timeout = 60
# On SIGTERM (a restart, a rolling deploy) requests in flight get this long to finish.
graceful_timeout = 30
# nginx keeps its connections to gunicorn open between requests (its upstream `keepalive`).
keepalive = 30
# Connections the kernel queues while every thread is busy.
backlog = 2048
# Each process is replaced after this many requests (with jitter, so they do not restart together):
# memory a long life gathers is given back.
max_requests = 5000
max_requests_jitter = 500
