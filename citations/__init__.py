"""The citation index: which page cites which source or organisation, under which vision
statement, in its live version and its latest draft; and the evidence audit built on it.

It sits above `story` and `evidence` because it joins the two: evidence knows nothing of pages'
vision statements, and story knows nothing of what reviewers audit.
"""
