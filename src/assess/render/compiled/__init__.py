"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('218a9761b2bc01499fa0cb76e23584cd118e5aafd3af70531d7f528953b82a38', '3.1.6'),
}
