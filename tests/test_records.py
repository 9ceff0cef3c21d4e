"""Records (lib/records.py) behave as the data classes they replace: fields, defaults, equality, hashing and
the conversion to plain data."""

import dataclasses
import pickle

import pytest

from dpg_registry.lib.records import Record, as_plain, factory


class Point(Record, frozen=True):
    x: int
    y: int = 0


class Bag(Record):
    name: str
    items: list = factory(list)
    where: Point | None = None
    by_key: dict = factory(dict)


@dataclasses.dataclass(frozen=True)
class PointData:
    x: int
    y: int = 0


@dataclasses.dataclass
class BagData:
    name: str
    items: list = dataclasses.field(default_factory=list)
    where: PointData | None = None
    by_key: dict = dataclasses.field(default_factory=dict)


def test_fields_are_given_by_position_or_name_and_take_their_defaults():
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(y=3, x=4).x) == (1, 0, 2, 4)
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, 2, 3)
    with pytest.raises(TypeError):
        Point(1, z=2)


def test_a_factory_default_is_made_anew_for_each_record():
    first, second = Bag("a"), Bag("b")
    first.items.append(1)
    assert second.items == [] and first.items == [1]
    assert Bag("c", items=None).items is None  # a value given, even None, is kept


def test_equality_and_hashing_follow_data_classes():
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert len({Point(1, 2), Point(1, 2), Point(0)}) == 2
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert Bag("a") == Bag("a") and Bag("a") != Bag("a", [1])
    assert Point(1) != PointData(1) and Point(1) != (1, 0)
    with pytest.raises(TypeError):
        hash(Bag("a"))  # a mutable record is not hashable, like a data class that is not frozen


def test_a_frozen_record_refuses_changes():
    point = Point(1)
    with pytest.raises(AttributeError):
        point.x = 2
    with pytest.raises(AttributeError):
        del point.y
    bag = Bag("a")
    bag.name = "b"
    assert bag.name == "b"


def test_as_plain_gives_what_dataclasses_asdict_gives():
    record = Bag("a", [Point(1, 2), (Point(3), "x")], Point(5), {"k": [Point(6, 7)], "n": None})
    same = BagData("a", [PointData(1, 2), (PointData(3), "x")], PointData(5), {"k": [PointData(6, 7)], "n": None})
    assert as_plain(record) == dataclasses.asdict(same)
    assert type(as_plain(record)["items"][1]) is tuple


def test_repr_names_the_fields_and_records_survive_pickling():
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    bag = Bag("a", [Point(1)])
    assert pickle.loads(pickle.dumps(bag)) == bag
    assert pickle.loads(pickle.dumps(Point(1, 2))) == Point(1, 2)


def test_post_init_runs_after_the_fields_are_set():
    class Counted(Record):
        values: list = factory(list)

        def __post_init__(self):
            self.total = sum(self.values)

    assert Counted([1, 2]).total == 3


def test_a_field_without_a_default_cannot_follow_one_with_a_default():
    with pytest.raises(TypeError):
        class Wrong(Record):
            first: int = 0
            second: int


def test_a_frozen_record_without_a_dict_is_made_all_the_same():
    class Slotted(Record, frozen=True):
        __slots__ = ("x", "y")
        x: int
        y: int

    point = Slotted(1, 2)
    assert (point.x, point.y) == (1, 2) and not hasattr(point, "__dict__")
    assert Slotted(1, 2) == point and hash(Slotted(1, 2)) == hash(point)
    with pytest.raises(AttributeError):
        point.x = 3
