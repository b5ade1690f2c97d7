"""The Story of Progress tree for the demo site, written from the seeds' facts.

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
        "what_is_this": "<p>This section brings together national data through the Promise "
        "Progress Framework. Quantitative data can show whether something has changed across "
        "Scotland.</p>",
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
        "experience of care tell us about whether things feel different.</p>",
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
CLFS_QUOTE = (
    "People are looking for fresh thinking, space and time for reflection, connection with "
    "others, a chance to think about how to tackle difficulties, and to test out what it takes "
    "to do, and continue to do, the work of collaborative public service."
)

VISION_STATEMENT_PAGES = [
    {
        "number": 1,
        "slug": "supporting-children-to-stay-with-their-families",
        "summary": "How organisations are changing the way they work with families so that "
        "children can stay at home when it is safe.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>[[organisation:police-scotland|Police Scotland]] describes how officers are "
                "being supported to see the child and the family behind an incident, and to "
                "connect families with help early ([[source:police-scotland-qualitative-insight|"
                "Police Scotland's insight]]).</p><p>[[organisation:improvement-service|The "
                "Improvement Service]] describes local partners planning family support together "
                "rather than service by service ([[source:improvement-service-qualitative-insight"
                "|Improvement Service insight]]).</p>"
            ),
            learning(
                "being_tried",
                "<p>Joint planning of family support across local services, guided by the "
                "family foundation of [[source:plan-24-30|Plan 24-30]].</p>",
            ),
            part("What has been learned", "emerging", SELF_REPORT),
            narrative(
                "<p>Organisations say that change holds when staff have space to reflect "
                "together. [[organisation:collective-leadership-for-scotland|Collective Leadership "
                "for Scotland]] found the same across public services "
                "([[source:how-do-we-know-we-are-doing-good-work|How do we know we are doing good "
                "work?]]).</p>"
            ),
            highlight(
                "how-do-we-know-we-are-doing-good-work",
                CLFS_QUOTE,
                "Supporting families differently asks staff to work across organisational "
                "boundaries; this is what they say they need to do it.",
            ),
            learning(
                "gets_in_the_way",
                "<p>Time and resources are scarce, which makes reflection hard to protect "
                "([[source:how-do-we-know-we-are-doing-good-work|Sharp and colleagues, "
                "2022]]).</p>",
            ),
        ],
    },
    {
        "number": 2,
        "slug": "supporting-carers-and-providing-stability",
        "summary": "What organisations are learning about supporting carers so children have "
        "stable, loving relationships.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>The [[organisation:care-inspectorate|Care Inspectorate]] describes looking "
                "more closely at children's experiences of relationships and stability when it "
                "inspects care ([[source:care-inspectorate-qualitative-insight|Care Inspectorate "
                "insight]]).</p><p>[[organisation:celcis|CELCIS]] describes supporting "
                "organisations to learn from practice about what helps carers "
                "([[source:celcis-qualitative-insight|CELCIS insight]]).</p>"
            ),
            learning(
                "working",
                "<p>Inspection that asks about relationships, not only about processes, gives "
                "services a reason to value stability.</p>",
            ),
            part("What supports progress", "limited", "A small number of accounts."),
            narrative(
                "<p>Care experienced members of [[organisation:who-cares-scotland|Who Cares? "
                "Scotland]] say stable relationships matter most to them "
                "([[source:who-cares-scotland-qualitative-insight|Who Cares? Scotland "
                "insight]]).</p>"
            ),
        ],
    },
    {
        "number": 3,
        "slug": "education",
        "summary": "How organisations are working together so care experienced children can "
        "thrive at school.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>Local partners, supported by the [[organisation:improvement-service|"
                "Improvement Service]], describe planning education support with social work and "
                "health rather than alone ([[source:improvement-service-qualitative-insight|"
                "Improvement Service insight]]).</p>"
            ),
            learning(
                "learned",
                "<p>Care experienced young people want their ambitions noticed, not only their "
                "needs ([[source:who-cares-scotland-qualitative-insight|Who Cares? Scotland "
                "insight]]).</p>",
            ),
            part("What gets in the way", "limited", "Drawn from one report on collaboration."),
            narrative(
                "<p>Collaboration without blueprints is hard; "
                "[[source:how-do-we-know-we-are-doing-good-work|How do we know we are doing good "
                "work?]] describes the challenges of commissioning and convening across "
                "agencies.</p>"
            ),
        ],
    },
    {
        "number": 6,
        "slug": "mental-health",
        "summary": "What is being tried so children and young people get mental health support "
        "from people they trust.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>[[organisation:public-health-scotland|Public Health Scotland]] describes "
                "work on how information about children's wellbeing is collected and shared, so "
                "that it can show how and why things change "
                "([[source:public-health-scotland-qualitative-insight|Public Health Scotland "
                "insight]]).</p>"
            ),
            learning(
                "supports_progress",
                "<p>Relationships with trusted adults, which care experienced people describe "
                "as central ([[source:who-cares-scotland-qualitative-insight|Who Cares? "
                "Scotland insight]]).</p>",
            ),
            part("What has been learned", "emerging", SELF_REPORT),
            narrative(
                "<p>Quantitative data can show whether something has changed, but not how or "
                "why; [[organisation:the-promise-scotland|The Promise Scotland]] sets out why "
                "both are needed in [[source:plan-24-30|Plan 24-30]].</p>"
            ),
        ],
    },
    {
        "number": 8,
        "slug": "justice",
        "summary": "How justice and emergency services are changing practice with children in "
        "conflict with the law.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>[[organisation:police-scotland|Police Scotland]] describes treating children "
                "in conflict with the law as children first "
                "([[source:police-scotland-qualitative-insight|Police Scotland insight]]). The "
                "[[organisation:sfrs|Scottish Fire and Rescue Service]] describes building "
                "relationships with young people in local communities "
                "([[source:sfrs-qualitative-insight|SFRS insight]]).</p>"
            ),
            learning(
                "being_tried",
                "<p>Community relationships led by emergency services, out of uniform as well as "
                "in it.</p>",
            ),
            part("What has been learned", "limited", "Two organisations' accounts."),
            highlight(
                "how-do-we-know-we-are-doing-good-work",
                "A pathway to ultimate impact at scale is co-created through dialogue about "
                "expectations and contributions, and by design, not assuming change will happen "
                "because we have good intentions.",
                "Justice services say good intentions are not enough without shared design.",
            ),
        ],
    },
    {
        "number": 9,
        "slug": "aftercare",
        "summary": "What organisations are learning about support for young people leaving care.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>[[organisation:who-cares-scotland|Who Cares? Scotland]] describes what its "
                "members say about support after care ([[source:who-cares-scotland-qualitative-"
                "insight|Who Cares? Scotland insight]]); [[organisation:celcis|CELCIS]] describes "
                "helping services learn from that ([[source:celcis-qualitative-insight|CELCIS "
                "insight]]).</p>"
            ),
            learning(
                "gets_in_the_way",
                "<p>Support that ends at a fixed age rather than when a young person is ready "
                "([[source:plan-24-30|Plan 24-30]]).</p>",
            ),
            part("What is working", "emerging", SELF_REPORT),
            narrative(
                "<p>Regulation is beginning to ask about continuing relationships "
                "([[source:care-inspectorate-qualitative-insight|Care Inspectorate "
                "insight]]).</p>"
            ),
        ],
    },
]
