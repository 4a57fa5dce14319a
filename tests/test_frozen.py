"""`@frozen` behaves as the frozen, slotted dataclass it replaces."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, field

import pytest

from cards.frozen import frozen
from sessions.events import Event, FloorGiven, from_record, to_record


@frozen
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    label: str = field(default="", compare=False, repr=False)


@frozen(kw_only=True)
class Named(Event):
    name: str
    extra: tuple[str, ...] = ()


def test_fields_by_position_and_by_name_with_defaults_and_fresh_factories() -> None:
    a, b = Point(1), Point(x=2, y=3)
    assert (a.x, a.y, b.x, b.y) == (1, 0, 2, 3)
    a.tags.append("one")
    assert Point(1).tags == []  # each instance has its own list


def test_wrong_arguments_raise_type_error_as_a_dataclass_would() -> None:
    with pytest.raises(TypeError, match="missing required argument: 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        Point(1, z=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing required argument: 'x'"):
        Point(y=1, tags=[], label="", z=2)  # type: ignore[call-arg]  # as many as the fields
    with pytest.raises(TypeError, match="multiple values for argument 'x'"):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="at most 4 positional"):
        Point(1, 2, [], "", 5)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="at most 0 positional"):
        Named("Ann")  # type: ignore[misc]


def test_assignment_and_deletion_are_refused() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.x  # type: ignore[misc]
    with pytest.raises(AttributeError):  # slots: no attributes beside the fields
        object.__setattr__(point, "z", 1)


def test_equality_hash_and_repr_follow_the_fields_options() -> None:
    assert Point(1, label="a") == Point(1, label="b")  # compare=False
    assert hash(Named(name="Ann")) == hash(Named(name="Ann"))
    assert Point(1) != Point(2)
    assert Named(name="Ann") != FloorGiven(speaker="Ann")  # another class is never equal
    assert Point(1, 2) != (1, 2)
    assert repr(Point(1, 2, label="hidden")) == "Point(x=1, y=2, tags=[])"
    assert Point.__doc__ == "Point(x, y, tags, label)"  # a class without a docstring
    assert repr(Named(seq=3, name="Ann")) == "Named(seq=3, at='', name='Ann', extra=())"
    assert len({Named(name="Ann"), Named(name="Ann"), Named(name="Bram")}) == 2


def test_dataclass_functions_copy_and_pickle_still_work() -> None:
    event = Named(seq=1, at="2026-11-22T10:00:00.000Z", name="Ann", extra=("x",))
    assert dataclasses.is_dataclass(event)
    assert [f.name for f in dataclasses.fields(event)] == ["seq", "at", "name", "extra"]
    changed = dataclasses.replace(event, name="Bram")
    assert (changed.name, changed.seq, event.name) == ("Bram", 1, "Ann")
    assert dataclasses.asdict(Point(1, 2)) == {"x": 1, "y": 2, "tags": [], "label": ""}
    assert copy.copy(event) == event
    assert copy.deepcopy(Point(1, tags=["a"])) == Point(1, tags=["a"])
    assert pickle.loads(pickle.dumps(FloorGiven(speaker="Ann", seconds=3.5))) == FloorGiven(
        speaker="Ann", seconds=3.5
    )


def test_events_still_round_trip_through_their_documents() -> None:
    event = FloorGiven(seq=4, at="2026-11-22T10:00:00.000Z", speaker="Ann", clock=(1.0, 2.0))
    assert from_record(to_record(event)) == event
