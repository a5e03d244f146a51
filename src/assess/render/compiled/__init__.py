"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('d1271fe3428c5d790b66a35ab600e1bc59acbe2445889a06c91099c24b1335c4', '3.1.6'),
}
