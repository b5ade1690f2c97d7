"""The demo indicators: what they measure is the kind of measure the Promise Progress Framework
describes under vision statements 1, 2, 6 and 9; their figures are made up.

No figure here was counted by anyone. Each indicator is `illustrative` (every chart, page, feed
entry, JSON-LD description and citation of it then says "Illustrative figures for demonstration,
not official statistics") and cites `ILLUSTRATIVE_SOURCE`, which says the same; none cites the
Framework or a real statistics publication, so no made-up figure can pass for one of theirs. The
figures are round and move smoothly so they read as what they are: examples of a chart's shapes
(a rising line, a falling one, lines by age group, bars at one period).
"""

from demo.content.story import LAST_UPDATED, NEXT_UPDATE

ILLUSTRATIVE_SOURCE = "illustrative-national-data"
ILLUSTRATIVE = {
    "illustrative": True,
    "source": ILLUSTRATIVE_SOURCE,
    "last_updated": LAST_UPDATED,
    "next_update": NEXT_UPDATE,
    "technical_notes": "Illustrative: made up for the Story of Progress demonstration. These "
    "figures come from no data collection and describe no real children, services or places. "
    "A real indicator says here which collection its figures come from, what it covers and how "
    "the figures were checked.",
}
NOT_REAL = "These figures are made up for the demonstration: do not quote or use them."


def caveats(what_they_cannot_show: str) -> str:
    return f"{NOT_REAL} {what_they_cannot_show}"


def by(breakdown: str, periods: tuple[str, ...], values: tuple[str, ...]) -> list[tuple]:
    """(period, value, breakdown) rows of one breakdown; "" is the whole."""
    return [(period, value, breakdown) for period, value in zip(periods, values, strict=True)]


YEARS = ("2019", "2020", "2021", "2022", "2023", "2024")
QUARTERS = tuple(f"{year} Q{quarter}" for year in ("2023", "2024") for quarter in range(1, 5))
SURVEY_YEARS = ("2018", "2020", "2022", "2024")
AGES_IN_CONTINUING_CARE = (("16", "400"), ("17", "300"), ("18", "200"), ("19", "120"), ("20", "60"))

_INDICATORS = [
    # 1. Supporting children to stay with their families
    {
        "slug": "children-starting-to-be-looked-after",
        "name": "Children starting to be looked after",
        "what_it_measures": "How many children start to be looked after by a local authority "
        "in a year, for every 1,000 children.",
        "why_it_matters": "Where children are safe in their families, fewer should need to "
        "leave them. A fall can be a sign that families get support early enough to stay "
        "together, though never on its own.",
        "definition": "Children who started to be looked after during the year (numerator), "
        "per 1,000 children aged 0 to 17 living in Scotland (denominator).",
        "unit": "per 1,000 children",
        "caveats": caveats("A fall does not show whether the children who stayed were safe."),
        "rows": list(zip(YEARS, ("4.0", "3.8", "3.7", "3.5", "3.4", "3.2"), strict=True)),
    },
    {
        "slug": "looked-after-children-living-at-home",
        "name": "Looked after children living at home with their parents",
        "what_it_measures": "Of all the children looked after, the share who live at home with "
        "their parents, with support.",
        "why_it_matters": "Support at home lets children stay with their families where it is "
        "safe, as the vision statement asks.",
        "definition": "Children looked after at home with their parents on 31 July "
        "(numerator), of all children looked after on that day (denominator).",
        "unit": "%",
        "caveats": caveats("It does not show what support families received."),
        "rows": list(zip(YEARS, ("25", "26", "26", "27", "28", "30"), strict=True)),
    },
    # 2. Supporting carers and providing stability
    {
        "slug": "children-with-three-or-more-placements",
        "name": "Children with three or more placements in a year",
        "what_it_measures": "Of the children looked after during the year, the share who lived "
        "in three or more places in it.",
        "why_it_matters": "Stability means not having to move: each move can break a child's "
        "relationships with carers, school and friends.",
        "definition": "Children with three or more placements during the year (numerator), of "
        "all children looked after at any time in the year (denominator), by age on 31 July.",
        "unit": "%",
        "breakdown_label": "Age group",
        "caveats": caveats("Some moves are planned and right for the child; this counts all."),
        "rows": [
            *by("", YEARS[1:], ("8", "8", "7", "7", "6")),
            *by("Under 5", YEARS[1:], ("4", "4", "3", "3", "3")),
            *by("5 to 11", YEARS[1:], ("6", "6", "5", "5", "5")),
            *by("12 to 17", YEARS[1:], ("12", "12", "11", "10", "9")),
        ],
    },
    {
        "slug": "children-living-with-kinship-carers",
        "name": "Looked after children living with kinship carers",
        "what_it_measures": "Of the children looked after away from home, the share who live "
        "with relatives or friends of their family.",
        "why_it_matters": "Kinship care can keep children with people they already know and "
        "love, when they cannot live with their parents.",
        "definition": "Children looked after by kinship carers on 31 July (numerator), of all "
        "children looked after away from home on that day (denominator).",
        "unit": "%",
        "caveats": caveats("It does not show whether kinship carers get the support they need."),
        "rows": list(zip(YEARS, ("34", "35", "36", "36", "37", "38"), strict=True)),
    },
    # 6. Mental health
    {
        "slug": "mental-health-treatment-within-18-weeks",
        "name": "Young people starting mental health treatment within 18 weeks",
        "what_it_measures": "Of the children and young people who started treatment with "
        "specialist mental health services in the quarter, the share who had waited 18 weeks "
        "or less.",
        "why_it_matters": "The vision statement asks for support when it is needed: a long wait "
        "is support that comes too late.",
        "definition": "Children and young people starting treatment in the quarter who waited "
        "18 weeks or less from referral (numerator), of all who started treatment in it "
        "(denominator).",
        "unit": "%",
        "frequency": "quarterly",
        "caveats": caveats("It counts waits, not whether the support came from someone trusted."),
        "rows": list(zip(QUARTERS, ("70", "72", "71", "75", "76", "78", "80", "82"), strict=True)),
    },
    {
        "slug": "care-experienced-young-people-good-wellbeing",
        "name": "Care experienced young people reporting good mental wellbeing",
        "what_it_measures": "Of care experienced young people answering a wellbeing survey, the "
        "share whose answers show good mental wellbeing.",
        "why_it_matters": "Shorter waits matter only if young people feel better: this asks them.",
        "definition": "Care experienced respondents scoring in the survey's good wellbeing band "
        "(numerator), of all care experienced respondents (denominator), by age when surveyed.",
        "unit": "%",
        "frequency": "biennial",
        "breakdown_label": "Age group",
        "caveats": caveats("Young people who did not answer the survey are not counted."),
        "rows": [
            *by("", SURVEY_YEARS, ("55", "52", "54", "58")),
            *by("11 to 13", SURVEY_YEARS, ("62", "60", "61", "65")),
            *by("14 to 15", SURVEY_YEARS, ("50", "46", "49", "54")),
            *by("16 to 18", SURVEY_YEARS, ("52", "49", "52", "55")),
        ],
    },
    # 9. Aftercare
    {
        "slug": "care-leavers-in-work-education-or-training",
        "name": "Care leavers in work, education or training",
        "what_it_measures": "Of the young people who left care in the year, the share in work, "
        "education or training nine months later.",
        "why_it_matters": "Relationships and support after care shape what young people go on "
        "to do.",
        "definition": "Care leavers in work, education or training nine months after leaving "
        "(numerator), of all young people who left care in the year (denominator).",
        "unit": "%",
        "caveats": caveats("It does not show whether the work or study suits the young person."),
        "rows": list(zip(YEARS, ("60", "60", "58", "62", "64", "66"), strict=True)),
    },
    {
        "slug": "eligible-young-people-receiving-aftercare",
        "name": "Young people eligible for aftercare who receive it",
        "what_it_measures": "Of the young people entitled to aftercare, the share receiving "
        "aftercare support.",
        "why_it_matters": "The vision statement asks for support for as long as it is needed; "
        "support only reaches those who receive it.",
        "definition": "Young people receiving aftercare on 31 July (numerator), of all young "
        "people eligible for aftercare on that day (denominator).",
        "unit": "%",
        "caveats": caveats("It does not show how long support lasts, or whether it helps."),
        "rows": list(zip(YEARS, ("50", "52", "55", "57", "60", "63"), strict=True)),
    },
    {
        "slug": "young-people-in-continuing-care",
        "name": "Young people in continuing care",
        "what_it_measures": "How many young people stay on with their carers after they could "
        "have left care (continuing care), by age.",
        "why_it_matters": "Staying with the people who cared for them keeps relationships "
        "going past 16.",
        "definition": "Young people in continuing care on 31 July 2024, by age on that day.",
        "unit": "young people",
        "breakdown_label": "Age",
        "caveats": caveats("One year only: it shows who stays on, not whether more do."),
        "rows": [("2024", value, f"{age}-year-olds") for age, value in AGES_IN_CONTINUING_CARE],
    },
]
# Every one illustrative, whatever its entry says.
INDICATORS = [{**data, **ILLUSTRATIVE} for data in _INDICATORS]
