"""The demo site's content, from the seed documents, and the loader that builds it."""
