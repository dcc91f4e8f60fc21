"""A small cache of rendered fragments, each kept with the data version it was rendered at: a
fragment is reused only while the version is the same (and for at most `max_age` seconds, so
nothing outlives a mistake for long). No Flask, no SQL: the caller reads the version."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable


class VersionedCache:
    """Least recently used first out; safe to share between threads."""

    def __init__(self, size: int = 64, max_age: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.size, self.max_age, self.clock = size, max_age, clock
        self._entries: OrderedDict[Hashable, tuple[int, float, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, version: int | None) -> str | None:
        """The fragment stored for `key` at exactly this version, if it is fresh enough."""
        with self._lock:
            entry = self._entries.get(key)
            if (version is None or entry is None or entry[0] != version
                    or self.clock() - entry[1] > self.max_age):
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[2]

    def put(self, key: Hashable, version: int | None, fragment: str) -> None:
        if version is None or self.size <= 0:
            return
        with self._lock:
            self._entries[key] = (version, self.clock(), fragment)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def fetch(self, key: Hashable, version: int | None, render: Callable[[], str]) -> str:
        """The stored fragment, or `render()` stored under `version`."""
        fragment = self.get(key, version)
        if fragment is None:
            fragment = render()
            self.put(key, version, fragment)
        return fragment

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
