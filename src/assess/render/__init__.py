"""Renderers that need heavy libraries: the report (Jinja2, WeasyPrint).

Nothing here is imported by the scoring commands (check, lint, schema): the
``report`` command imports these modules inside its function body.
"""
