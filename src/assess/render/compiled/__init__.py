"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('6e048200f0966c1a93a2b6364f7c1fe5407b052f8efc94d7eedf4aa324048074', '3.1.6'),
}
