"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('fab37a3643787cfced37aa70f8c31f64b6ec40be812fcdf4b364656fb46010c0', '3.1.6'),
}
