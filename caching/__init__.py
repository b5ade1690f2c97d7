"""Public pages kept for anonymous readers and purged when what they show changes (issue 14).

`pages` keeps and serves whole responses (the middleware) and forgets them (a Wagtail frontend
cache backend); `shown` knows which URLs show a page, source, organisation or vision statement;
`purges` gathers them before and after each change and sends one batch to every cache in front
of the site. It uses every content app and none uses it; installed last, so its receivers run
after Wagtail's reference index and the citation index have followed a change. The Redis cache
itself, safe to lose, is `storyofprogress.cache`.
"""
