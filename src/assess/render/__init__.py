"""Renderers that need heavy libraries: the report (Jinja2, WeasyPrint).

Nothing here is imported by the scoring commands (check, lint, schema): the
``report`` command imports these modules inside its function body.
"""

#: A link written as ``RELATIVE_LINK + "reports/x.pdf"`` stays relative in a
#: PDF (to the PDF's own folder): WeasyPrint would otherwise resolve a relative
#: link against the template folder and write that machine's absolute path.
#: (Here rather than in ``pdf`` so that HTML pages need not import WeasyPrint.)
RELATIVE_LINK = "x-assess-relative:"
