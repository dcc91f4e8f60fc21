"""The versioned fragment cache: reused only at the same version, while fresh, newest kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smajob.reuse import VersionedCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_fragment_is_reused_only_at_the_version_it_was_rendered_at():
    cache = VersionedCache()
    cache.put("list", 7, "<p>7</p>")
    assert cache.get("list", 7) == "<p>7</p>"
    assert cache.get("list", 8) is None
    assert cache.get("other", 7) is None


def test_an_unknown_version_is_never_stored_nor_served():
    cache = VersionedCache()
    cache.put("list", None, "<p>?</p>")
    assert cache.get("list", None) is None
    cache.put("list", 1, "<p>1</p>")
    assert cache.get("list", None) is None


def test_a_fragment_older_than_max_age_is_rendered_again():
    clock = Clock()
    cache = VersionedCache(max_age=300, clock=clock)
    cache.put("list", 1, "old")
    clock.now = 300
    assert cache.get("list", 1) == "old"
    clock.now = 300.5
    assert cache.get("list", 1) is None


def test_the_least_recently_used_fragment_goes_first():
    cache = VersionedCache(size=2)
    cache.put("a", 1, "A")
    cache.put("b", 1, "B")
    assert cache.get("a", 1) == "A"  # a is now the most recently used
    cache.put("c", 1, "C")
    assert cache.get("b", 1) is None
    assert (cache.get("a", 1), cache.get("c", 1)) == ("A", "C")


def test_fetch_renders_on_a_miss_and_counts_hits_and_misses():
    cache = VersionedCache()
    calls = []

    def render() -> str:
        calls.append(1)
        return f"render {len(calls)}"

    assert cache.fetch("k", 3, render) == "render 1"
    assert cache.fetch("k", 3, render) == "render 1"
    assert cache.fetch("k", 4, render) == "render 2"
    assert cache.fetch("k", None, render) == "render 3"
    assert (cache.hits, cache.misses) == (1, 3)


@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 3), st.booleans()),
                max_size=60), st.integers(1, 4))
def test_whatever_happens_a_hit_is_the_last_fragment_put_at_that_key_and_version(steps, size):
    cache, last = VersionedCache(size=size), {}
    for key, version, write in steps:
        if write:
            cache.put(key, version, f"{key}{version}#{len(last)}")
            last[key] = (version, f"{key}{version}#{len(last)}")
        else:
            got = cache.get(key, version)
            assert got is None or last.get(key) == (version, got)
    assert len(cache._entries) <= size
