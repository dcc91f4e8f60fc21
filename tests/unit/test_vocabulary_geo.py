from smajob.matching.vocabulary import CandidateLimit as L
from smajob.matching.vocabulary import TaskTrait as T
from smajob.matching.vocabulary import conflicting_limits
from smajob.postcodes.geo import distance_km


def test_a_limit_conflicts_with_a_demand_the_task_has():
    assert conflicting_limits({L.NO_LIFTING}, {T.LIFTING}) == [L.NO_LIFTING]
    assert conflicting_limits({L.NO_LIFTING}, {T.OUTDOORS}) == []


def test_a_need_conflicts_with_an_offer_the_task_lacks():
    assert conflicting_limits({L.NEEDS_CLOSE_SUPERVISION}, set()) == [L.NEEDS_CLOSE_SUPERVISION]
    assert conflicting_limits({L.NEEDS_CLOSE_SUPERVISION}, {T.SUPERVISION}) == []


def test_aalborg_to_hjorring_is_about_47_km():
    assert 40 < distance_km(57.0480, 9.9187, 57.4642, 9.9823) < 50
    assert distance_km(57.0, 9.9, 57.0, 9.9) == 0
