"""The Story of Progress tree for the demo site, written from the seeds' facts: the vision
statements, the sections, and the helpers the pages of each lens are written with
(`national_data.py`, `organisational.py`, `experiences.py`).

Narrative marks inline evidence as [[source:slug|words]] and [[organisation:slug|words]]; the
loader turns each into `<a linktype="..." id="...">words</a>`. The vision statement wording is
a summary for demonstration: check it against the Promise Report before publishing.
"""

VISION_STATEMENTS = [
    (
        1,
        "Supporting children to stay with their families",
        "family",
        "Where children are safe in their families and feel loved, they will stay, and families "
        "will be given support to overcome difficulties.",
    ),
    (
        2,
        "Supporting carers and providing stability",
        "care",
        "Children who cannot live with their families will have stable, loving relationships "
        "with carers who are supported to care for them.",
    ),
    (
        3,
        "Education",
        "care",
        "Care experienced children and young people will be supported to thrive at school and "
        "beyond, with their learning and ambitions recognised.",
    ),
    (
        4,
        "Brothers and Sisters",
        "family",
        "Brothers and sisters will be supported to stay together, and to keep their "
        "relationships, where it is safe to do so.",
    ),
    (
        5,
        "Physical Restraint",
        "care",
        "Children will not be restrained in ways that harm them or their relationships with the "
        "people caring for them.",
    ),
    (
        6,
        "Mental Health",
        "people",
        "Children and young people will get the support they need for their mental health, from "
        "people they trust, when they need it.",
    ),
    (
        7,
        "Health",
        "people",
        "Care experienced children and young people will have their health needs understood and "
        "met across their lives.",
    ),
    (
        8,
        "Justice",
        "scaffolding",
        "Children in conflict with the law will be treated as children, with their needs and "
        "rights at the centre.",
    ),
    (
        9,
        "Aftercare",
        "care",
        "Young people leaving care will have the relationships and support they need for as long "
        "as they need them.",
    ),
    (
        10,
        "Support for care experienced adults",
        "voice",
        "Care experienced adults will be able to get the support they need, and their voices "
        "will shape how services change.",
    ),
]

SEED_WHAT_IS_THIS = (
    "<p>This section focuses on how change is being made and sustained across Scotland's "
    "organisations and systems. It looks at how services are adapting practice, collaborating, "
    "and learning: not to measure performance, but to understand progress in action.</p>"
    "<p>This part of the Promise Story of Progress explores information about how organisations "
    "are making and sustaining change, what they are learning, and how they are improving "
    "practice. This kind of data goes beyond performance measures to focus on how change happens "
    "in real settings, helping to build understanding of what supports progress, and what gets in "
    "the way.</p>"
    "<p>When the data collected and shared focuses on what is being tried, what is working, and "
    "what has been learned, it helps organisations adapt, innovate, and collaborate. This kind of "
    "evidence connects directly to quantitative and experiential data, showing how insights are "
    "being acted on in practice. Together, they create a richer picture of progress than either "
    "could alone.</p>"
)

SEED_BACKGROUND = (
    "<p>Organisational learning data is a key part of understanding how organisations are making "
    "and sustaining change, what they are learning about change, and how they are improving "
    "practice.</p>"
    "<p>Organisations carry the responsibility for making the changes needed to keep the promise. "
    "To do this well, they need data that supports reflection and improvement alongside "
    "information that tracks activity or performance. When the data collected and shared focuses "
    "on what is being tried, what is working, and what has been learned, it helps organisations "
    "adapt, innovate, and collaborate. Quantitative data can show whether something has changed, "
    "but it cannot show how or why that change happened, or whether it has made a real difference "
    "for children and families. Looking at qualitative and quantitative data together begins to "
    "help pose the questions and develop the insights necessary for change.</p>"
    "<p>Each vision statement includes links throughout to information about the sources used and "
    "the organisations that made them, to ensure what you read can be connected to its original "
    "purpose and context.</p>"
)

SECTIONS = [
    {
        "slug": "national-data",
        "title": "National Data",
        "lens": "quantitative",
        "introduction": "<p>How the Promise Progress Framework uses national, quantitative "
        "data to show whether things are changing for children and families.</p>",
        "what_is_this": "<p>This section brings together national data through the "
        "[[source:the-promise-progress-framework|Promise Progress Framework]], made by "
        "[[organisation:the-promise-scotland|The Promise Scotland]], the "
        "[[organisation:scottish-government|Scottish Government]] and "
        "[[organisation:cosla|COSLA]]. Quantitative data can show whether something has "
        "changed across Scotland.</p><p>The figures in this demonstration are illustrative: made "
        "up to show how indicators are presented, and each chart says so.</p>",
        "background": "<p>Quantitative data cannot show how or why a change happened, or "
        "whether it made a real difference for children and families. That is why it is read "
        "alongside organisational learning and experience.</p>",
    },
    {
        "slug": "organisational-progress",
        "title": "Organisational Progress",
        "lens": "organisational",
        "introduction": "<p>This work is being developed through a collaborative approach "
        "between [[organisation:cosla|COSLA]], the [[organisation:scottish-government|Scottish "
        "Government]] and [[organisation:the-promise-scotland|The Promise Scotland]], informed "
        "by the Promise Collective.</p>",
        "what_is_this": SEED_WHAT_IS_THIS,
        "background": SEED_BACKGROUND,
    },
    {
        "slug": "experiences",
        "title": "Experiences",
        "lens": "experiential",
        "introduction": "<p>What children, young people, families and care experienced adults "
        "say about their own experience of change.</p>",
        "what_is_this": "<p>This section draws on experiential data: what people with "
        "experience of care tell us about whether things feel different. It answers the third "
        "question of the [[source:the-promise-story-of-progress-report|Story of Progress "
        "report]]: does the care community feel the impact of the promise being kept?</p>"
        "<p>Who said something is described in words that cannot identify them, with the "
        "source and organisation that gathered it and how consent was given. The quotes in "
        "this demonstration are illustrative, written to show the site, and each says "
        "so.</p>",
        "background": "<p>Experience shows whether change has made a real difference in "
        "people's lives. Read with national data and organisational learning, it creates a "
        "richer picture of progress than any one of them alone.</p>",
    },
]

NEXT_UPDATE = "2027-06-01"
LAST_UPDATED = "2026-10-01"


def part(heading: str, strength: str, caveats: str) -> tuple:
    return ("part", {"heading": heading, "evidence_strength": strength, "caveats": caveats})


def narrative(html: str) -> tuple:
    return ("narrative", html)


def learning(kind: str, html: str) -> tuple:
    return ("learning", {"kind": kind, "text": html})


def highlight(source: str, quote: str, why: str) -> tuple:
    return ("evidence_highlight", {"source": source, "quote": quote, "why_it_matters": why})


SELF_REPORT = (
    "Based on what organisations told us about their own work; not independently evaluated."
)


def quote(words: str, who: str, **gathered) -> tuple:
    """An experience quote; `gathered`: source (slug), consent, organisation (slug),
    content_note, illustrative. Demo quotes are illustrative, and say so (`experiences.py`)."""
    return ("experience_quote", {"quote": words, "who": who, **gathered})


def theme(title: str, html: str, who: str, **gathered) -> tuple:
    """An experience theme, with `gathered` as for `quote`."""
    return ("experience_theme", {"theme": title, "summary": html, "who": who, **gathered})


def indicator(slug: str, introduction: str = "", commentary: str = "") -> tuple:
    """An indicator's chart (`indicators.blocks.IndicatorBlock`), by the indicator's slug, with
    narrative before and after it (evidence tokens allowed, as in `narrative`)."""
    return (
        "indicator",
        {"indicator": slug, "introduction": introduction, "commentary": commentary},
    )


# The vision statements with a national data page (`national_data.py`). They have pages in the
# other two lenses too, so all three can be read side by side.
NATIONAL_DATA_STATEMENTS = (1, 2, 6, 9)
