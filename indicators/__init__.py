"""Indicators for the national data lens: what is measured, from which source, and the figures.

An indicator is a snippet with the same review as sources (drafts, revisions, locking, workflow,
previews), because a changed figure changes what every page showing it says. Its data, a
series of periods and values optionally broken down (by age group, local authority), are child
rows of the snippet, so each revision holds the data as it was and Compare shows what changed.
Editors load or replace them from a CSV file in the admin (`csv_files`, `admin_views`); readers
see a chart drawn on the server as SVG from our own template (`charts`), a sentence on the trend
(`series`), the table behind it and a CSV download, on the indicator's own page and wherever an
`IndicatorBlock` places it.

It sits between `evidence` (an indicator cites a `Source`) and `story` (vision statement pages
place indicators), and imports nothing above `evidence`.
"""
