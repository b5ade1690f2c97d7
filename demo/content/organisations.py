"""Organisations named in the seed documents: the partners and the Promise Collective."""

ORGANISATIONS = [
    {
        "name": "Convention of Scottish Local Authorities",
        "short_name": "COSLA",
        "slug": "cosla",
        "kind": "local_government",
        "website": "https://www.cosla.gov.uk/",
        "is_partner": True,
        "description": "<p>The voice of Scottish local government, and one of the three partners "
        "developing the Promise Story of Progress.</p>",
    },
    {
        "name": "Scottish Government",
        "short_name": "",
        "slug": "scottish-government",
        "kind": "government",
        "website": "https://www.gov.scot/",
        "is_partner": True,
        "description": "<p>One of the three partners developing the Promise Story of Progress.</p>",
    },
    {
        "name": "The Promise Scotland",
        "short_name": "",
        "slug": "the-promise-scotland",
        "kind": "national_body",
        "website": "https://thepromise.scot/",
        "is_partner": True,
        "description": "<p>Supports Scotland to keep the promise made to care experienced "
        "children, young people and families, and is one of the three partners developing "
        "the Promise Story of Progress.</p>",
    },
    {
        "name": "Police Scotland",
        "short_name": "",
        "slug": "police-scotland",
        "kind": "police_fire",
        "website": "https://www.scotland.police.uk/",
        "is_promise_collective_member": True,
        "description": "<p>A member of the Promise Collective, contributing qualitative "
        "insights to the Story of Progress.</p>",
    },
    {
        "name": "Scottish Fire and Rescue Service",
        "short_name": "SFRS",
        "slug": "sfrs",
        "kind": "police_fire",
        "website": "https://www.firescotland.gov.uk/",
        "is_promise_collective_member": True,
        "description": "<p>A member of the Promise Collective, contributing qualitative "
        "insights to the Story of Progress.</p>",
    },
    {
        "name": "Public Health Scotland",
        "short_name": "PHS",
        "slug": "public-health-scotland",
        "kind": "health",
        "website": "https://publichealthscotland.scot/",
        "is_promise_collective_member": True,
        "description": "<p>A member of the Promise Collective, contributing qualitative "
        "insights to the Story of Progress.</p>",
    },
    {
        "name": "Care Inspectorate",
        "short_name": "",
        "slug": "care-inspectorate",
        "kind": "inspectorate",
        "website": "https://www.careinspectorate.com/",
        "is_promise_collective_member": True,
        "description": "<p>The national regulator for care services in Scotland and a member "
        "of the Promise Collective.</p>",
    },
    {
        "name": "Who Cares? Scotland",
        "short_name": "",
        "slug": "who-cares-scotland",
        "kind": "third_sector",
        "website": "https://www.whocaresscotland.org/",
        "is_promise_collective_member": True,
        "description": "<p>A national membership organisation for care experienced people and "
        "a member of the Promise Collective.</p>",
    },
    {
        "name": "Centre for Excellence for Children's Care and Protection",
        "short_name": "CELCIS",
        "slug": "celcis",
        "kind": "academic",
        "website": "https://www.celcis.org/",
        "is_promise_collective_member": True,
        "description": "<p>A member of the Promise Collective, based at the University of "
        "Strathclyde.</p>",
    },
    {
        "name": "Improvement Service",
        "short_name": "",
        "slug": "improvement-service",
        "kind": "improvement",
        "website": "https://www.improvementservice.org.uk/",
        "is_promise_collective_member": True,
        "description": "<p>The national improvement organisation for local government in "
        "Scotland and a member of the Promise Collective.</p>",
    },
    {
        "name": "Collective Leadership for Scotland",
        "short_name": "CLfS",
        "slug": "collective-leadership-for-scotland",
        "kind": "improvement",
        "website": "",
        "description": "<p>A programme drawing together participants from a variety of "
        "agencies working in public services to build collective leadership practice.</p>",
    },
]
