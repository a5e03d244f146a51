"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('f72560762ec408263d22be4905072fd9571924379372ffea201af959514f8359', '3.1.6'),
}
