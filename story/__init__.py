"""The Story of Progress itself: the index, a section page per lens, vision statement pages,
the VisionStatement snippet, the narrative blocks, and the review task of the editorial workflow.

It cites evidence (`evidence`) and knows nothing of the library, search, the citation index or
the home page.
"""
