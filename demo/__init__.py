"""The demo site built from the seed documents (`manage.py load_demo_content`).

It builds a whole site (home page, story, evidence), so it stands above every other app and
nothing imports it: it is for development, tests and demonstrations, never production data.
"""
