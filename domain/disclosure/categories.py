"""What a published count counts, and which of those are controlled (domain.disclosure)."""
from __future__ import annotations

from enum import StrEnum

WITHHELD = "withheld"


class Category(StrEnum):
    """What a published count counts; only PERSONAL categories are ever withheld."""

    PUPILS = "pupils"
    FAMILIES = "families"
    STAFF = "staff"
    HOURS = "hours"
    ACTIVITIES = "activities"
    PLACES = "places"
    MEASURES = "measures"


PERSONAL = frozenset({Category.PUPILS, Category.FAMILIES})
#: Contribution fields by category: teachers are staff; students and families are people
#: the activities reached, counted like any pupils or families.
REACH = {"teachers": Category.STAFF, "students": Category.PUPILS,
         "families": Category.FAMILIES}


def controlled(category: Category) -> bool:
    return category in PERSONAL


#: The reach fields disclosure control withholds (students, families), from REACH.
CONTROLLED_REACH = tuple(field for field, category in REACH.items() if controlled(category))
