"""Sources and the organisations that made them: the evidence every narrative cites.

The lowest layer: the snippets, their public pages under `/evidence/`, the inline "Source" and
"Organisation" rich-text features, the one parser of stored citations (`references`), the one
renderer of evidence links and markers (`page_evidence`) and the one citation formatter
(`bibliography`), and the rate limits every reader-facing app applies (`rate_limits`). It
imports no other app of ours.
"""
