"""The experience lens for the demo site: five vision statements, in illustrative quotes and themes.

Nobody said these words. They were written to show how the lens presents what children, young
people, families and care experienced adults say, so every one is marked `illustrative` (the
page then says "Illustrative quotes for demonstration, not real testimony") and cites the one
source that says the same, `ILLUSTRATIVE_SOURCE`, never a real consultation or organisation.
The narrative around them states only what the seeds say: who contributed insights.
"""

from demo.content.story import narrative, part, quote, theme

ILLUSTRATIVE_SOURCE = "illustrative-experiences"
ILLUSTRATIVE = {
    "source": ILLUSTRATIVE_SOURCE,
    "consent": "Illustrative: written for this demonstration, so no one's words or consent are "
    "involved. On a real page this says how people agreed to share their words and what was "
    "changed so no one can be identified.",
    "illustrative": True,
}
ILLUSTRATIVE_CAVEAT = (
    "Illustrative examples written for the demonstration site, not gathered from anyone."
)
HOW_IT_WILL_BE_GATHERED = narrative(
    "<p>In the Story of Progress, experience comes from what people have agreed to share, "
    "gathered by organisations such as [[organisation:who-cares-scotland|Who Cares? Scotland]], "
    "a national membership organisation for care experienced people, which contributed a "
    "qualitative insight ([[source:who-cares-scotland-qualitative-insight|Who Cares? Scotland "
    "insight]]). The quote and theme below only show how such words will be presented.</p>"
)


def told_us(*blocks: tuple) -> list[tuple]:
    return [part("What people told us", "limited", ILLUSTRATIVE_CAVEAT), *blocks]


EXPERIENCE_PAGES = [
    {
        "number": 1,
        "slug": "supporting-children-to-stay-with-their-families",
        "summary": "Whether families feel help comes early enough for children to stay at home "
        "(illustrative examples).",
        "body": told_us(
            HOW_IT_WILL_BE_GATHERED,
            quote(
                "When things got hard at home, someone helped my mum before it got worse. I got "
                "to stay.",
                "a young person, 14",
                **ILLUSTRATIVE,
            ),
            theme(
                "Help that comes early",
                "<p>Parents described help arriving before a crisis, from someone they already "
                "knew, rather than after it.</p>",
                "parents and carers",
                **ILLUSTRATIVE,
            ),
        ),
    },
    {
        "number": 2,
        "slug": "supporting-carers-and-providing-stability",
        "summary": "Whether children feel settled with the people who care for them "
        "(illustrative examples).",
        "body": told_us(
            HOW_IT_WILL_BE_GATHERED,
            quote(
                "I've been with the same carers for three years now. I know where I'll be at "
                "Christmas.",
                "a young person, 15",
                **ILLUSTRATIVE,
            ),
            theme(
                "Knowing who will be there",
                "<p>Young people said stability meant knowing who would be there next week and "
                "next year, not only where they would live.</p>",
                "young people in foster and kinship care",
                **ILLUSTRATIVE,
            ),
        ),
    },
    {
        "number": 4,
        "slug": "brothers-and-sisters",
        "summary": "Whether brothers and sisters feel their relationships are kept "
        "(illustrative examples).",
        "body": told_us(
            HOW_IT_WILL_BE_GATHERED,
            quote(
                "We don't live together, but we see each other every weekend now, and nobody "
                "cancels it.",
                "a young person, 12",
                **ILLUSTRATIVE,
            ),
            theme(
                "Being asked who matters",
                "<p>Brothers and sisters living apart said they wanted to be asked who matters "
                "to them, including half-brothers, half-sisters and step-siblings.</p>",
                "brothers and sisters living apart",
                **ILLUSTRATIVE,
            ),
        ),
    },
    {
        "number": 6,
        "slug": "mental-health",
        "summary": "Whether young people feel they get mental health support from someone they "
        "trust (illustrative examples).",
        "body": told_us(
            HOW_IT_WILL_BE_GATHERED,
            quote(
                "I didn't want a new worker every few months. I wanted one person who already "
                "knew my story.",
                "a young person, 17",
                content_note="mentions feeling low",
                **ILLUSTRATIVE,
            ),
            theme(
                "A trusted person",
                "<p>Young people said support worked when it came from someone they trusted, "
                "and when they did not have to tell their story again.</p>",
                "young people in residential care",
                **ILLUSTRATIVE,
            ),
        ),
    },
    {
        "number": 9,
        "slug": "aftercare",
        "summary": "Whether young people leaving care feel support lasts as long as they need it "
        "(illustrative examples).",
        "body": told_us(
            HOW_IT_WILL_BE_GATHERED,
            quote(
                "Turning 18 didn't mean I stopped needing someone to call.",
                "a care experienced adult, 21",
                **ILLUSTRATIVE,
            ),
            theme(
                "Support that ends on a date",
                "<p>Care experienced adults described support that ended at a fixed age rather "
                "than when they were ready.</p>",
                "care experienced adults, 18 to 25",
                **ILLUSTRATIVE,
            ),
        ),
    },
]
