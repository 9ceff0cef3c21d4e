"""The API's rate limit counted a block at a time on the database cache, request by request on Redis."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dpg_registry.lib.rate_counts import Counter, block_size

START = dt.datetime(2026, 12, 7, 12, 0, 5, tzinfo=dt.UTC)
KEY = "dpg:rate:api:ip:203.0.113.60:1000/3600:1796644800"  # the hour from START's, 12:00 UTC


def cache_statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if "dpg_cache" in query["sql"]]


def test_a_block_is_a_fiftieth_of_the_limit_on_the_database_cache_and_one_count_elsewhere(settings):
    database, memory = caches["default"], caches["pages"]
    assert [block_size(limit, database) for limit in (2, 99, 100, 600, 1000, 10_000, 1_000_000)] == [
        1, 1, 2, 12, 20, 100, 100]
    assert block_size(600, memory) == 1


@pytest.mark.django_db
def test_api_reads_write_the_count_once_a_block_not_once_a_request(settings):
    settings.DPG_RATE_LIMITS = {**settings.DPG_RATE_LIMITS, "api": "1000/h/ip"}  # blocks of 20
    client = Client(REMOTE_ADDR="203.0.113.60")
    with time_machine.travel(START, tick=False):
        statements = []
        for _ in range(25):
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/api/v1/sdgs").status_code == 200
            statements.append(len(cache_statements(captured)))
        # The 1st request takes counts 1 to 20 and the 21st counts 21 to 40; the others read and write no count.
        assert [index for index, count in enumerate(statements) if count] == [0, 20]
        assert caches["default"].get(KEY) == 40
    # The count lasts until the window's end (not the cache's default five minutes), and no longer.
    with time_machine.travel(START + dt.timedelta(minutes=59, seconds=50), tick=False):
        assert caches["default"].get(KEY) == 40
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        assert caches["default"].get(KEY) is None


@pytest.mark.django_db
def test_processes_share_the_limit_and_never_let_more_through():
    first, second = Counter(), Counter()  # two server processes, one shared cache
    with time_machine.travel(START, tick=False):
        assert first.take("api:ip:a", 100, 3600) is None  # takes counts 1 and 2, spends one
        allowed = 0
        while second.take("api:ip:a", 100, 3600) is None:
            allowed += 1
        assert allowed == 98  # the first process's spare count is spent by none but itself
        assert first.take("api:ip:a", 100, 3600) is None
        assert first.take("api:ip:a", 100, 3600) == pytest.approx(3600 - 5)  # refused until the hour's end
        assert second.take("api:ip:b", 100, 3600) is None  # another client has its own count
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        assert first.take("api:ip:a", 100, 3600) is None  # a new window counts from zero


@pytest.mark.django_db
def test_alternating_processes_are_let_through_exactly_the_limit():
    counters = [Counter(), Counter()]
    with time_machine.travel(START, tick=False):
        answers = [counters[number % 2].take("api:ip:c", 600, 60) for number in range(700)]
    assert answers[:600] == [None] * 600
    assert all(seconds == pytest.approx(55) for seconds in answers[600:])


@pytest.mark.django_db
def test_on_redis_like_caches_every_request_is_counted_in_the_shared_cache(settings):
    settings.RATELIMIT_USE_CACHE = "pages"  # a cache that is not the database's: blocks of one
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            assert Counter().take("api:ip:d", 600, 60) is None
        assert caches["pages"].get("dpg:rate:api:ip:d:600/60:1796644800") == 3
