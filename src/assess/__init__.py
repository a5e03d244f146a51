"""assess: programme assessment checklists linking SSR and mine action."""

__version__ = "0.1.0"
