"""Every possible pair and its score, computed with numpy over blocks of tasks and candidates.
Pure. Gives the same pairs and scores as `constraints.possible` + `scoring.score` (tested), but
whole blocks at a time, and only for candidates near a task: people are grouped in regional
cells, so a national run never looks at Skagen candidates for a Sønderborg task.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np

from smajob.matching.profiles import OpenTask, ReadyCandidate, Weights
from smajob.matching.scoring import RANK_SHARE
from smajob.matching.vocabulary import CONFLICTS, CandidateLimit
from smajob.postcodes.geo import EARTH_RADIUS_KM

SLOTS = 7 * 24 * 4  # 15-minute slots in a week
WORDS = SLOTS // 64 + 1
CELL_DEGREES = 0.2  # ~22 km north–south; rings of cells cover the longest travel limit
LIMIT_BITS = {limit: 1 << i for i, limit in enumerate(CandidateLimit)}
UNLIMITED_KM = 1e9


def slot_mask(windows) -> np.ndarray:
    bits = np.zeros(WORDS * 64, dtype=bool)
    for w in windows:
        bits[w.weekday * 96 + w.start // 15: w.weekday * 96 + w.end // 15] = True
    return np.packbits(bits.reshape(WORDS, 64)[:, ::-1], axis=1, bitorder="big").view(
        ">u8").astype(np.uint64).reshape(WORDS)


def conflict_mask(task: OpenTask) -> int:
    mask = 0
    for limit, (trait, forbidden) in CONFLICTS.items():
        if (trait in task.traits) == forbidden:
            mask |= LIMIT_BITS[limit]
    return mask


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(np.floor(lat / CELL_DEGREES)), int(np.floor(lon / CELL_DEGREES))


def _haversine(lat1, lon1, lat2, lon2):
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi, dlambda = phi2 - phi1, np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


class _People:
    """The candidates as arrays, once per run."""

    def __init__(self, candidates: Sequence[ReadyCandidate], today: date, weights: Weights):
        self.items = list(candidates)
        self.slots = np.stack([slot_mask(c.windows) for c in self.items]) if self.items else (
            np.zeros((0, WORDS), dtype=np.uint64))
        self.lat = np.array([c.lat for c in self.items], dtype=float)
        self.lon = np.array([c.lon for c in self.items], dtype=float)
        self.room = np.array([c.max_minutes - c.current_minutes for c in self.items])
        self.reach = np.array([UNLIMITED_KM if c.max_travel_km is None else c.max_travel_km
                               for c in self.items], dtype=float)
        self.listed = np.array([bool(c.allowed_postcodes) for c in self.items], dtype=bool)
        self.limits = np.array([sum(LIMIT_BITS[v] for v in c.limits) for c in self.items],
                               dtype=np.int64)
        self.danish = np.array([int(c.danish) for c in self.items])
        self.desired = np.array([max(c.desired_minutes, 1) for c in self.items], dtype=float)
        waited = np.array([max(0, (today - c.ready_since).days) for c in self.items], dtype=float)
        self.waiting = np.minimum(1.0, waited / max(weights.waiting_full_days, 1))
        self.holds = np.array([c.current_minutes > 0 for c in self.items], dtype=bool)
        self.reach_or_default = np.array([c.max_travel_km or 50.0 for c in self.items])
        self._shares: dict[int, np.ndarray] = {}
        self._near: dict[tuple[int, int], np.ndarray] = {}
        self.good: dict[int, set[int]] = defaultdict(set)
        for i, c in enumerate(self.items):
            for business_id in c.good_businesses:
                self.good[business_id].add(i)
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, c in enumerate(self.items):
            if c.allowed_postcodes:
                self.cells[("listed", 0)].append(i)  # type: ignore[index]
            else:
                self.cells[_cell(c.lat, c.lon)].append(i)

        finite = self.reach[(self.reach < UNLIMITED_KM) & ~self.listed]
        longest = float(finite.max()) if finite.size else 0.0
        # rings of cells wide enough for the longest travel limit (a degree of longitude is
        # shortest at the northern tip of Denmark, ~58°N: 59 km)
        self.rings = (int(np.ceil(longest / (111.0 * CELL_DEGREES))) or 1,
                      int(np.ceil(longest / (59.0 * CELL_DEGREES))) or 1)

    def category_share(self, category_id: int) -> np.ndarray:
        """Each candidate's preference share for the category (0 when not wanted)."""
        if category_id not in self._shares:
            share = np.zeros(len(self.items))
            for i, c in enumerate(self.items):
                if category_id in c.categories:
                    rank = c.categories.index(category_id)
                    share[i] = RANK_SHARE[rank] if rank < len(RANK_SHARE) else 0.1
            self._shares[category_id] = share
        return self._shares[category_id]

    def near(self, task: OpenTask) -> np.ndarray:
        """Candidates in the cells around the task, everyone who lists postcodes, and everyone
        without a travel limit (computed once per cell: tasks in one town share it)."""
        cell = _cell(task.lat, task.lon)
        if cell not in self._near:
            rows, cols = self.rings
            found = [i for dr in range(-rows, rows + 1) for dc in range(-cols, cols + 1)
                     for i in self.cells.get((cell[0] + dr, cell[1] + dc), [])]
            found += self.cells.get(("listed", 0), [])  # type: ignore[call-overload]
            found += np.flatnonzero(self.reach >= UNLIMITED_KM).tolist()
            self._near[cell] = np.array(sorted(set(found)), dtype=np.int64)
        return self._near[cell]


BLOCK_TASKS = 64  # tasks scored together against their candidates (memory stays small)


def scored_edges(tasks: Sequence[OpenTask], candidates: Sequence[ReadyCandidate],
                 excluded: frozenset[tuple[int, int]], weights: Weights,
                 today: date) -> dict[tuple[int, int], int]:
    """{(task id, candidate id): score in milli-points} for every possible pair: tasks grouped
    by regional cell, each group scored as a tasks × nearby-candidates block."""
    people = _People(candidates, today, weights)
    if not people.items:
        return {}
    groups: dict[tuple[int, int], list[OpenTask]] = defaultdict(list)
    for task in tasks:
        if task.free_seats > 0:
            groups[_cell(task.lat, task.lon)].append(task)
    ids = np.array([c.candidate_id for c in people.items], dtype=np.int64)
    edges: dict[tuple[int, int], int] = {}
    for members in groups.values():
        idx = people.near(members[0])
        for first in range(0, len(members), BLOCK_TASKS):
            block = members[first:first + BLOCK_TASKS]
            if idx.size:
                _block(block, people, idx, ids, excluded, weights, edges)
    return edges


def _block(block: list[OpenTask], people: _People, idx: np.ndarray, ids: np.ndarray,
           excluded: frozenset[tuple[int, int]], weights: Weights,
           edges: dict[tuple[int, int], int]) -> None:
    need = np.stack([slot_mask(t.windows) for t in block])  # (T, W)
    fits = ~np.any(need[:, None, :] & ~people.slots[idx][None, :, :], axis=2)  # (T, C)
    minutes = np.array([t.weekly_minutes for t in block])[:, None]
    fits &= people.room[idx][None, :] >= minutes
    conflicts = np.array([conflict_mask(t) for t in block], dtype=np.int64)[:, None]
    fits &= (people.limits[idx][None, :] & conflicts) == 0
    fits &= people.danish[idx][None, :] >= np.array([int(t.danish) for t in block])[:, None]
    distance = _haversine(people.lat[idx][None, :], people.lon[idx][None, :],
                          np.array([t.lat for t in block])[:, None],
                          np.array([t.lon for t in block])[:, None])
    listed = people.listed[idx]
    reach_ok = distance <= people.reach[idx][None, :] + 1e-9
    if listed.any():
        for n in np.flatnonzero(listed):
            allowed = people.items[idx[n]].allowed_postcodes
            reach_ok[:, n] = [t.postcode in allowed for t in block]
    fits &= reach_ok
    if not fits.any():
        return
    points = _points(block, people, idx, distance, listed, minutes, weights)
    task_rows, columns = np.nonzero(fits)
    milli = np.rint(points[task_rows, columns] * 1000).astype(np.int64)
    task_ids = [t.task_id for t in block]
    for t, cid, value in zip(task_rows.tolist(), ids[idx[columns]].tolist(), milli.tolist(),
                             strict=True):
        key = (task_ids[t], cid)
        if key not in excluded:
            edges[key] = value


def _points(block: list[OpenTask], people: _People, idx: np.ndarray, distance: np.ndarray,
            listed: np.ndarray, minutes: np.ndarray, weights: Weights) -> np.ndarray:
    """The same arithmetic as `scoring.score`, in the same order, for a tasks × people block."""
    share = np.stack([people.category_share(t.category_id)[idx] for t in block])
    points = np.zeros(share.shape) + np.where(share > 0, weights.category * share, 0.0)
    reach = people.reach_or_default[idx][None, :]
    near = np.where(reach > 0, weights.distance * np.maximum(0.0, 1 - distance / reach),
                    float(weights.distance))
    points = points + np.where(listed[None, :], float(weights.distance), near)
    desired = people.desired[idx][None, :]
    points = points + weights.hours_fit * np.maximum(0.0, 1 - np.abs(minutes - desired) / desired)
    points = points + weights.waiting * people.waiting[idx][None, :]
    good = np.stack([np.isin(idx, np.fromiter(people.good.get(t.business_id, ()),
                                              dtype=np.int64)) for t in block])
    points = points + np.where(good, float(weights.earlier_good), 0.0)
    return points - np.where(people.holds[idx][None, :], float(weights.holds_job_penalty), 0.0)
