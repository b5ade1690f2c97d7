"""Site search at `/search/`: pages, sources and organisations in one ranked list, with facets,
promotions, spelling suggestions and autocomplete. It reads story, evidence and the citation
index, and nothing imports it."""
