"""National data: a page for vision statements 1, 2, 6 and 9, each showing two or three of the
illustrative indicators (`national_indicators.py`) with narrative around them.

The narrative says what each indicator would tell a reader about the vision statement and what
it cannot show; it states no finding, because the figures are made up. Facts it does state come
from the seeds and the public sources: the Promise Progress Framework sets out indicators under
each vision statement, and quantitative data shows whether something changed, not how or why.
"""

from demo.content.story import indicator, narrative, part

ILLUSTRATIVE_CAVEAT = (
    "Illustrative figures made up for the demonstration site, not official statistics."
)
WHERE_THE_FIGURES_WILL_COME_FROM = narrative(
    "<p>In the Story of Progress, national data comes from the "
    "[[source:the-promise-progress-framework|Promise Progress Framework]], made by "
    "[[organisation:the-promise-scotland|The Promise Scotland]], the "
    "[[organisation:scottish-government|Scottish Government]] and "
    "[[organisation:cosla|COSLA]]: outcomes under each vision statement, and indicators under "
    "each outcome. The charts below only show how such indicators will be presented. Their "
    "figures are made up for this demonstration and say nothing about Scotland: each chart "
    "cites [[source:illustrative-national-data|Illustrative national data]] as its source, "
    "which says so.</p>"
)
READING_THE_FIGURES = narrative(
    "<h3>Reading the figures with the other lenses</h3>"
    "<p>Quantitative data can show whether something has changed, but it cannot show how or why "
    "that change happened, or whether it has made a real difference for children and families. "
    "That is why each vision statement is also read through what organisations are learning "
    "and what people with experience of care say: see “This vision statement through each "
    "lens” below.</p>"
)


def figures(*charts: tuple) -> list[tuple]:
    """A page's body: one part, its illustrative charts between where such figures will come
    from and how to read them (a part of its own would show a strength of evidence for what is
    only a note on reading)."""
    return [
        part("What the figures show", "limited", ILLUSTRATIVE_CAVEAT),
        WHERE_THE_FIGURES_WILL_COME_FROM,
        *charts,
        READING_THE_FIGURES,
    ]


NATIONAL_DATA_PAGES = [
    {
        "number": 1,
        "slug": "supporting-children-to-stay-with-their-families",
        "summary": "Whether fewer children need to leave their families, in illustrative "
        "figures (not official statistics).",
        "body": figures(
            indicator(
                "children-starting-to-be-looked-after",
                "<p>If families get support early enough, fewer children should need to leave "
                "them. This indicator counts the children who start to be looked after each "
                "year, for every 1,000 children.</p>",
                "<p>A fall like the one in these made-up figures would show that something "
                "changed, not what. Organisations such as "
                "[[organisation:police-scotland|Police Scotland]] describe connecting families "
                "with help early ([[source:police-scotland-qualitative-insight|Police "
                "Scotland's insight]]): the organisational progress page says how.</p>",
            ),
            indicator(
                "looked-after-children-living-at-home",
                "<p>Some children are looked after while living at home with their parents, "
                "with support. Read with the chart above, it shows where children live, not "
                "only whether they are looked after.</p>",
            ),
        ),
    },
    {
        "number": 2,
        "slug": "supporting-carers-and-providing-stability",
        "summary": "Whether children who cannot live with their families stay settled with their "
        "carers, in illustrative figures (not official statistics).",
        "body": figures(
            indicator(
                "children-with-three-or-more-placements",
                "<p>Each move can break a child's relationships with carers, school and "
                "friends. This indicator counts the children who moved three or more times in "
                "a year, for all ages and by age group.</p>",
                "<p>Broken down by age, a chart like this shows for whom moves are most "
                "common. In these made-up figures it is the oldest group, so a real page would "
                "ask what older children need to stay settled.</p>",
            ),
            indicator(
                "children-living-with-kinship-carers",
                "<p>Kinship carers are relatives or friends of the family. Whether they are "
                "supported to care is something the [[organisation:care-inspectorate|Care "
                "Inspectorate]] and [[organisation:celcis|CELCIS]] describe in their "
                "insights; this indicator shows only how many children live with them.</p>",
            ),
        ),
    },
    {
        "number": 6,
        "slug": "mental-health",
        "summary": "Whether young people get mental health support when they need it, in "
        "illustrative figures (not official statistics).",
        "body": figures(
            indicator(
                "mental-health-treatment-within-18-weeks",
                "<p>Support when it is needed starts with not waiting too long. This "
                "indicator is counted every quarter.</p>",
                "<p>Waits say nothing about whether support came from someone the young "
                "person trusts, which the vision statement asks for too: that is a question "
                "for the experience lens.</p>",
            ),
            indicator(
                "care-experienced-young-people-good-wellbeing",
                "<p>Shorter waits matter only if young people feel better. This indicator asks "
                "care experienced young people themselves, every two years, by age group.</p>",
            ),
        ),
    },
    {
        "number": 9,
        "slug": "aftercare",
        "summary": "Whether young people leaving care keep the support they need, in "
        "illustrative figures (not official statistics).",
        "body": figures(
            indicator(
                "eligible-young-people-receiving-aftercare",
                "<p>Young people leaving care are entitled to aftercare. This indicator shows "
                "how many of those entitled receive it.</p>",
            ),
            indicator(
                "young-people-in-continuing-care",
                "<p>Continuing care lets a young person stay with their carers past the age "
                "they could have left. This indicator shows one year, by age.</p>",
                "<p>A single year shows who stays on, not whether more do than before: a real "
                "page would show the years side by side.</p>",
            ),
            indicator(
                "care-leavers-in-work-education-or-training",
                "<p>Relationships and support after care shape what young people go on to do.</p>",
                "<p>Work or study nine months after leaving care does not show whether support "
                "lasted as long as it was needed: that is a question for the experience "
                "lens.</p>",
            ),
        ),
    },
]
