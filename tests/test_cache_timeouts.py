"""The Redis cache's timeouts are settings, read strictly like the others."""

from tests.conftest import run_dpg

REDIS = {"REDIS_URL": "redis://127.0.0.1:6379/0"}


def test_the_redis_cache_timeouts_must_be_whole_seconds():
    zero = run_dpg("manage", "check", DPG_REDIS_TIMEOUT_SECONDS="0", **REDIS)
    assert zero.returncode != 0
    assert "DPG_REDIS_TIMEOUT_SECONDS must be a whole number of at least 1, not '0'" in zero.stderr
    word = run_dpg("manage", "check", DPG_REDIS_CONNECT_TIMEOUT_SECONDS="soon", **REDIS)
    assert "DPG_REDIS_CONNECT_TIMEOUT_SECONDS must be a whole number of at least 1, not 'soon'" in word.stderr
    fine = run_dpg("manage", "shell", "-c",
                   "from django.conf import settings; print(settings.CACHES['default']['OPTIONS'])",
                   DPG_REDIS_CONNECT_TIMEOUT_SECONDS="3", DPG_REDIS_TIMEOUT_SECONDS="7", **REDIS)
    assert fine.returncode == 0, fine.stderr
    assert fine.stdout.strip().splitlines()[-1] == "{'socket_connect_timeout': 3, 'socket_timeout': 7}"
