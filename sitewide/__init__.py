"""What is site-wide rather than one concept's: head metadata (SEO, Open Graph, JSON-LD),
the sitemap, robots.txt, the update feeds, page citations ("Cite this page"), error pages,
the admin's image form and content checker, and the site settings editors change."""
