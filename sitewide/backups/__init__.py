"""Backups of the database and the uploaded media together, and their restore
(`manage.py backup`, `manage.py restore`; `deploy/backup`, `deploy/restore`; README "Backups")."""
