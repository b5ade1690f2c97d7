"""`Findable` keeps each kind's items in columns (`ItemTable`), which every worker unpickles
once after a change: they must come back as the items that went in."""

import datetime
import pickle

import pytest

from search.findable import Item, ItemTable


def test_an_item_table_gives_back_its_items_after_a_round_trip_through_pickle():
    items = {
        3: Item("A page", datetime.date(2024, 2, 29), "000100010001", 7, 42),
        9: Item("An undated source"),
        4: Item("An organisation", None, "", None, None),
    }
    table = ItemTable()
    for pk, item in items.items():
        table.add(pk, item)

    copied = pickle.loads(pickle.dumps(table, pickle.HIGHEST_PROTOCOL))  # noqa: S301 (our own)

    assert len(copied) == 3
    assert {pk: copied[pk] for pk in items} == items
    assert copied.day(3) == datetime.date(2024, 2, 29).toordinal()
    assert copied.day(9) is None
    assert 4 in copied and 5 not in copied
    assert copied.get(5) is None
    with pytest.raises(KeyError):
        copied[5]
