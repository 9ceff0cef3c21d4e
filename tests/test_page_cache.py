"""The process's cache of rendered pages holds pages up to a number of bytes, evicting the least recently read."""

import pickle

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dpg_registry.lib.page_cache import PageMemoryCache
from dpg_registry.registry.models import Product


def _size(value) -> int:
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def test_pages_are_kept_up_to_the_byte_bound_least_recently_read_first():
    page = ("text/html", b"x" * 1000)
    cache = PageMemoryCache("bounded-test", {"OPTIONS": {"MAX_BYTES": 3 * _size(page) + 10}})
    cache.clear()
    for key in "abc":
        cache.set(key, page)
    assert cache.held_bytes() == 3 * _size(page)
    assert cache.get("a") == page  # read: "b" is now the least recently read
    cache.set("d", page)
    assert [cache.get(key) is not None for key in "abcd"] == [True, False, True, True]
    assert cache.held_bytes() == 3 * _size(page)
    cache.set("d", ("text/html", b"y" * 1000))  # replaced, not counted twice
    assert cache.held_bytes() == 3 * _size(page) and cache.get("d")[1] == b"y" * 1000
    cache.set("huge", ("text/html", b"z" * 10_000))  # larger than the whole cache: not kept, nothing evicted
    assert cache.get("huge") is None and cache.held_bytes() == 3 * _size(page)
    cache.delete("a")
    assert cache.held_bytes() == 2 * _size(page)
    cache.clear()
    assert cache.held_bytes() == 0 and cache.get("c") is None


def test_every_instance_of_one_cache_shares_its_pages_and_their_count():
    first = PageMemoryCache("shared-test", {"OPTIONS": {"MAX_BYTES": 10_000}})
    second = PageMemoryCache("shared-test", {"OPTIONS": {"MAX_BYTES": 10_000}})  # another thread's instance
    first.clear()
    first.set("page", ("text/html", b"x" * 100))
    assert second.get("page") == ("text/html", b"x" * 100)
    assert second.held_bytes() == first.held_bytes() == _size(("text/html", b"x" * 100))


def test_more_public_pages_than_a_count_bound_would_keep_are_read_again_from_the_cache(client, registry):
    # Django's own local-memory cache keeps 300 entries: 400 badges read twice rendered every one twice.
    urls = [f"/registry/{slug}/badge.svg" for slug in Product.objects.order_by("slug").values_list("slug", flat=True)]
    assert len(urls) >= 400
    for url in urls[:400]:
        assert client.get(url).status_code == 200
    for url in urls[:400]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == 1 and "registry_registrygeneration" in queries[0]["sql"], url
