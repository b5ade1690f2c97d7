"""The home page: what the Story of Progress is, who makes it, and where to start reading.

The top of the page tree and of the layers: it may use every other app, and nothing imports it.
"""
