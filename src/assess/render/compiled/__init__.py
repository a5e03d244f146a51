"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('5ca94ad7af6fd28194ce9316d1b5f9ec0b0e77c22bec3d7ebf765c4763cb054c', '3.1.6'),
}
