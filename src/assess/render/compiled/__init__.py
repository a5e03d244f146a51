"""Built-in templates compiled ahead of time (see assess.render.ahead); generated
by `make templates`: do not edit."""

#: Template name -> (SHA-256 of the source it was compiled from, Jinja2 version).
SOURCES: dict[str, tuple[str, str]] = {
    'report.html.j2': ('1d936724dee3ace90b0c14eed6a1b24a9e38ea7eefb3d5230468b03e8de9be64', '3.1.6'),
}
