"""asynccheck.record: the records of findings, rules and configuration behave as the frozen dataclasses they
replaced (fields in order, defaults, per-instance factories, equality, hashing, frozenness, replace)."""
from __future__ import annotations

import pickle
from typing import List, Optional

import pytest

from asynccheck.config import Config
from asynccheck.findings import Finding, Frame, Report
from asynccheck.record import FrozenInstanceError, as_dict, factory, fields, record, replace


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    label: Optional[str] = None


@record
class Bag:
    items: List[int] = factory(list)
    name: str = ""


def test_fields_defaults_and_arguments():
    assert fields(Point) == ("x", "y", "label")
    assert as_dict(Point(1)) == {"x": 1, "y": 0, "label": None}
    assert as_dict(Point(1, label="a", y=2)) == {"x": 1, "y": 2, "label": "a"}
    with pytest.raises(TypeError, match="missing required argument: 'x'"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        Point(1, z=2)
    with pytest.raises(TypeError, match="multiple values for argument 'x'"):
        Point(1, x=2)
    with pytest.raises(TypeError, match="positional arguments"):
        Point(1, 2, "a", 4)


def test_equality_hash_and_repr():
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2, None)  # another type is never equal, even with the same values
    assert repr(Point(1, label="a")) == "Point(x=1, y=0, label='a')"
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_frozen_records_refuse_changes_and_mutable_ones_are_unhashable():
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2
    with pytest.raises(AttributeError):
        del point.y
    assert replace(point, y=5) == Point(1, 5) and point.y == 0
    with pytest.raises(TypeError):
        hash(Bag())
    bag = Bag()
    bag.name = "changed"  # not frozen
    assert bag.name == "changed"


def test_a_factory_makes_one_default_per_instance():
    first, second = Bag(), Bag()
    first.items.append(1)
    assert second.items == [] and "items" not in vars(Bag)


def test_finding_keeps_post_init_and_survives_pickle():
    finding = Finding("ACK101", "a.py", 3, 5, "slept", stack=(Frame("a.py", 3, "main"),))
    assert (finding.end_line, finding.end_column) == (3, 5)  # a point finding ends where it starts
    assert finding.with_(line=7).end_line == 3  # replace passes every field: the end stays as it was
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert finding.to_dict()["stack"] == [{"path": "a.py", "line": 3, "function": "main"}]
    assert Report().findings == [] and Report().findings is not Report().findings


def test_config_default_root_and_override():
    config = Config()
    assert config.root.is_absolute()
    assert config.override(ignore=["ACK101"]).ignore == ("ACK101",)
    with pytest.raises(FrozenInstanceError):
        config.stall_ms = 1.0  # type: ignore[misc]
