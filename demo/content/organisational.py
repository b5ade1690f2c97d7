"""Organisational progress: a page for each of the ten vision statements, from the seeds' facts.

Each page says what organisations describe in their own qualitative insights (seed 000) and
what the Collective Leadership for Scotland report found (seed 004); nothing is measured and no
figure is given, because none of these sources is a count of anything.
"""

from demo.content.story import SELF_REPORT, highlight, learning, narrative, part

CLFS_QUOTE = (
    "People are looking for fresh thinking, space and time for reflection, connection with "
    "others, a chance to think about how to tackle difficulties, and to test out what it takes "
    "to do, and continue to do, the work of collaborative public service."
)

ORGANISATIONAL_PAGES = [
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
        "number": 4,
        "slug": "brothers-and-sisters",
        "summary": "What organisations describe doing so brothers and sisters can keep their "
        "relationships.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>The [[organisation:care-inspectorate|Care Inspectorate]] describes looking at "
                "children's experiences of care when it inspects, which includes the "
                "relationships that matter to them ([[source:care-inspectorate-qualitative-"
                "insight|Care Inspectorate insight]]).</p><p>[[organisation:who-cares-scotland|"
                "Who Cares? Scotland]] describes what its members say about relationships "
                "([[source:who-cares-scotland-qualitative-insight|Who Cares? Scotland "
                "insight]]).</p>"
            ),
            learning(
                "being_tried",
                "<p>Keeping brothers and sisters together is part of the family foundation of "
                "[[source:plan-24-30|Plan 24-30]].</p>",
            ),
            part("What has been learned", "limited", "Two organisations' accounts."),
            narrative(
                "<p>Organisations say that what brothers and sisters want is best learned by "
                "asking them; national data can show where children live, not whether they "
                "still feel part of each other's lives.</p>"
            ),
        ],
    },
    {
        "number": 5,
        "slug": "physical-restraint",
        "summary": "How inspection and learning organisations are looking at restraint and "
        "children's relationships with the people who care for them.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>The [[organisation:care-inspectorate|Care Inspectorate]] describes asking "
                "about children's experiences of care, not only about records "
                "([[source:care-inspectorate-qualitative-insight|Care Inspectorate "
                "insight]]).</p><p>[[organisation:celcis|CELCIS]] describes supporting "
                "organisations to learn from practice and improve it "
                "([[source:celcis-qualitative-insight|CELCIS insight]]).</p>"
            ),
            learning(
                "supports_progress",
                "<p>Time for staff to reflect together on what happened and why, which "
                "[[source:how-do-we-know-we-are-doing-good-work|How do we know we are doing good "
                "work?]] found people across public services are looking for.</p>",
            ),
            part("What gets in the way", "limited", "One report and two organisations' accounts."),
            narrative(
                "<p>A count of recorded incidents can show whether something has changed, but "
                "not how it felt to the child or what happened to the relationship afterwards "
                "([[source:plan-24-30|Plan 24-30]] asks for both).</p>"
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
        "number": 7,
        "slug": "health",
        "summary": "How health and local government bodies describe understanding care "
        "experienced people's health needs across their lives.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>[[organisation:public-health-scotland|Public Health Scotland]] describes work "
                "on how information about children and families is collected and used "
                "([[source:public-health-scotland-qualitative-insight|Public Health Scotland "
                "insight]]). The [[organisation:improvement-service|Improvement Service]] "
                "describes local government planning and learning together "
                "([[source:improvement-service-qualitative-insight|Improvement Service "
                "insight]]).</p>"
            ),
            learning(
                "learned",
                "<p>Data gathered so that it can show how and why things change, not only "
                "whether they have ([[source:public-health-scotland-qualitative-insight|Public "
                "Health Scotland insight]]).</p>",
            ),
            part("What supports progress", "limited", "Two organisations' accounts."),
            narrative(
                "<p>Working across organisational boundaries: "
                "[[organisation:collective-leadership-for-scotland|Collective Leadership for "
                "Scotland]] describes what people need to do it "
                "([[source:how-do-we-know-we-are-doing-good-work|Sharp and colleagues, "
                "2022]]).</p>"
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
    {
        "number": 10,
        "slug": "support-for-care-experienced-adults",
        "summary": "How organisations describe care experienced adults' voices shaping the "
        "support they can get.",
        "body": [
            part("What is being tried", "emerging", SELF_REPORT),
            narrative(
                "<p>[[organisation:who-cares-scotland|Who Cares? Scotland]], a national "
                "membership organisation for care experienced people, describes what its members "
                "say about support and relationships ([[source:who-cares-scotland-qualitative-"
                "insight|Who Cares? Scotland insight]]).</p>"
            ),
            learning(
                "being_tried",
                "<p>Services shaped with care experienced people rather than for them, as the "
                "voice foundation of [[source:plan-24-30|Plan 24-30]] asks.</p>",
            ),
            part("What has been learned", "limited", "One organisation's account."),
            narrative(
                "<p>[[organisation:celcis|CELCIS]] describes helping services learn from what "
                "people tell them ([[source:celcis-qualitative-insight|CELCIS insight]]).</p>"
            ),
        ],
    },
]
