"""What is site-wide rather than one concept's: head metadata (SEO, Open Graph, JSON-LD),
the sitemap, robots.txt, the update feeds, page citations ("Cite this page"), error pages,
the admin's image form and content checker, the site settings editors change, and sign-in
throttling (the lockout page, the rate-limited password reset, the client's address)."""
