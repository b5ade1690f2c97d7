"""The library catalogue at `/library/`: every live source, filterable by type, organisation,
year and vision statement, with its citation to copy and the list to download (CSV, RIS,
BibTeX). It reads sources from `evidence` and vision statements from the citation index."""
