"""Sources for the demo site. The first is the library catalogue entry in seed 004; the
qualitative insights are the Promise Collective's contributions described in seed 000; Plan
24-30, the Promise Progress Framework and the Story of Progress report are public, at the URLs
given. No statistics are invented: summaries say what a source is, not what it measured, and the
made-up figures of the demo indicators cite "Illustrative national data", which says so.

A source with no URL gets a demonstration document made by the loader (`demo_document_text`):
a short text file that says it stands in for the original and holds none of its content, so
every demo source leads a reader somewhere, honestly."""

CLFS_ABSTRACT = (
    "Collective leadership feels timely and important in an uncertain, fast changing, and "
    "challenging world. This report comes at this heightened moment of urgency and appetite for "
    "renewal, bringing potential to do things differently in public services and communities. "
    "The opportunities and challenges of true collaboration-in-practice, in the absence of "
    "blueprints, mean that it has never been more necessary to change ways of working and "
    "foreground learning. As outcomes remain important, and time and resources are scarcer than "
    "ever, the approach of collective leadership makes the creation of impact a shared, "
    "conscious, and actionable choice. A pathway to ultimate impact at scale is co-created "
    "through dialogue about expectations and contributions, and by design, not assuming change "
    "will happen because we have good intentions. Collective Leadership for Scotland (CLfS) has "
    "a strong vision and enjoys continuing active interest, drawing together participants from "
    "a variety of agencies working in public services. People are looking for fresh thinking, "
    "space and time for reflection, connection with others, a chance to think about how to "
    "tackle difficulties, and to test out what it takes to do, and continue to do, the work of "
    "collaborative public service. These motivations are deepened and brought into sharper "
    "focus by the pandemic, with an added interest in developing skills in online facilitation. "
    "CLfS contributes to building a critical mass for system change, to help to sustain the "
    "ambitions of the Christie Commission and the delivery of the National Outcomes for "
    "Scotland. There remains further potential to realise wider and deeper impact amongst "
    "organisations, communities, and wider systems. The conclusions of this report are likely "
    "to have wider resonance beyond interests in the CLfS programmes. This report deepens "
    "understanding of some of the challenges of commissioning, convening, and the scope for "
    "deeper impact through building reflective and relational leadership practices. It also "
    "outlines social and experiential sensemaking and facilitation practices to strengthen the "
    "action inquiry approach as a deliberate learning strategy, building cultures that support "
    "new forms of collaborative inquiry and systemic action research."
)

INSIGHT_CONTEXT = (
    "<p>Contributed by a member of the Promise Collective to support the development of the "
    "Promise Story of Progress. It describes, in the organisation's own words, what is being "
    "tried, what is working and what has been learned. It is qualitative: it shows how and why "
    "change is happening in one organisation, not how much has changed across Scotland.</p>"
)


def insight(slug: str, organisation: str, name: str, focus: str) -> dict:
    return {
        "slug": f"{slug}-qualitative-insight",
        "title": f"{name}: qualitative insight for the Promise Story of Progress",
        "resource_type": "qualitative_insight",
        "organisations": [organisation],
        "summary": f"{name}'s account of how it is changing practice to keep the promise, "
        f"focusing on {focus}.",
        "purpose_and_context": INSIGHT_CONTEXT,
    }


SOURCES = [
    {
        "slug": "how-do-we-know-we-are-doing-good-work",
        "title": "How do we know we are doing good work?",
        "resource_type": "report",
        "authors": "Sharp, C.\nMcLaughlin, D.\nWhitley, J.\nLawson, K.",
        "organisations": ["collective-leadership-for-scotland"],
        "year": 2022,
        "summary": CLFS_ABSTRACT,
        "purpose_and_context": "<p>Written to understand the impact of Collective Leadership "
        "for Scotland's programmes and to strengthen action inquiry as a deliberate learning "
        "strategy. Listed in the Promise Story of Progress library catalogue.</p>",
    },
    {
        "slug": "plan-24-30",
        "title": "Plan 24-30",
        "resource_type": "policy",
        "organisations": ["the-promise-scotland"],
        "year": 2024,
        "url": "https://www.plan2430.scot/",
        "summary": "The plan for keeping the promise between 2024 and 2030, organised around "
        "five foundations: voice, family, care, people and scaffolding. Published as a website "
        "of route maps rather than a document.",
        "purpose_and_context": "<p>Sets out what needs to happen to keep the promise by 2030. "
        "The Story of Progress uses its foundations to organise the vision statements.</p>",
    },
    {
        "slug": "the-promise-progress-framework",
        "title": "The Promise Progress Framework",
        "resource_type": "data_set",
        "organisations": ["the-promise-scotland", "scottish-government", "cosla"],
        "year": 2024,
        "url": "https://www.plan2430.scot/the-promise-story-of-progress/"
        "the-promise-progress-framework",
        "summary": "National data relevant to keeping the promise, set out under the ten "
        "vision statements: outcomes under each statement, and indicators under each outcome. "
        "First published as a PDF in December 2024, later as an interactive dashboard.",
        "purpose_and_context": "<p>Answers the national question of the Promise Story of "
        "Progress: how is Scotland doing in its progress towards keeping the promise? It shows "
        "whether things are changing, not how or why.</p>",
    },
    {
        "slug": "the-promise-story-of-progress-report",
        "title": "The Promise Story of Progress: How is Scotland doing in its progress towards "
        "keeping the promise?",
        "resource_type": "report",
        "organisations": ["cosla", "scottish-government", "the-promise-scotland"],
        "year": 2024,
        "url": "https://www.gov.scot/publications/"
        "promise-story-progress-scotland-doing-progress-towards-keeping-promise/",
        "summary": "A national report by COSLA, the Scottish Government and The Promise "
        "Scotland setting out their shared approach to understanding progress towards keeping "
        "the promise, and its milestones.",
        "purpose_and_context": "<p>Sets out the three questions the Story of Progress answers: "
        "nationally, in organisations, and in the experience of the care community.</p>",
    },
    {
        "slug": "illustrative-experiences",
        "title": "Illustrative experiences: examples written for the Story of Progress "
        "demonstration",
        "resource_type": "qualitative_insight",
        "organisations": [],
        "summary": "Quotes and themes written to show how the experience lens presents what "
        "children, young people, families and care experienced adults say. They are "
        "illustrative: nobody said them, and they are neither testimony nor findings.",
        "purpose_and_context": "<p>Made for the demonstration site only. A real deployment "
        "replaces them with words people have agreed to share, gathered by the organisations "
        "that work with them, and leaves the illustrative flag off.</p>",
    },
    {
        "slug": "illustrative-national-data",
        "title": "Illustrative national data: figures made up for the Story of Progress "
        "demonstration",
        "resource_type": "data_set",
        "organisations": [],
        "summary": "Figures made up to show how the national data lens presents indicators: "
        "charts, the tables behind them and CSV downloads. They are illustrative: nobody "
        "counted them, they describe no real children or services, and they are not official "
        "statistics.",
        "purpose_and_context": "<p>Made for the demonstration site only. The indicators' names "
        "and definitions follow the kind of measure the Promise Progress Framework describes; "
        "their figures come from no data collection. A real deployment replaces them with "
        "published national data and leaves the illustrative flag off.</p>",
    },
    insight(
        "police-scotland",
        "police-scotland",
        "Police Scotland",
        "how officers respond to children and families in crisis",
    ),
    insight(
        "sfrs",
        "sfrs",
        "Scottish Fire and Rescue Service",
        "relationships with young people in local communities",
    ),
    insight(
        "public-health-scotland",
        "public-health-scotland",
        "Public Health Scotland",
        "how data about children and families is collected and used",
    ),
    insight(
        "care-inspectorate",
        "care-inspectorate",
        "Care Inspectorate",
        "how inspection looks at children's experiences of care",
    ),
    insight(
        "who-cares-scotland",
        "who-cares-scotland",
        "Who Cares? Scotland",
        "what care experienced members say about support and relationships",
    ),
    insight("celcis", "celcis", "CELCIS", "supporting organisations to learn and improve practice"),
    insight(
        "improvement-service",
        "improvement-service",
        "Improvement Service",
        "how local government plans and learns together",
    ),
]


def demo_document_text(source: dict, organisation_names: list[str]) -> str:
    """The text of a source's demonstration document: what it stands in for, and that it is not
    the original."""
    made_by = ", ".join(organisation_names) or "no organisation"
    return (
        "DEMONSTRATION DOCUMENT - NOT THE ORIGINAL\n\n"
        "This file was made by the Story of Progress demo loader so that the demonstration "
        "source below leads somewhere. It holds none of the original's content, no figures and "
        "no quotes.\n\n"
        f"Stands in for: {source['title']}\n"
        f"Made by: {made_by}\n"
        f"Year: {source.get('year') or 'not dated'}\n\n"
        f"What the source is: {source.get('summary', '')}\n"
    )
