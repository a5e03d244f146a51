"""assess: programme assessment checklists linking SSR and mine action."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("assess")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"
