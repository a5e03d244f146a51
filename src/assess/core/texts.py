"""Marking the core's English texts for the gettext catalogue.

The core never translates (it imports nothing outside ``core``): the layers
above look each text up in the catalogue of the reader's language. ``N_``
marks a literal so that ``make i18n`` (``pybabel extract -k N_``) puts it in
the catalogue, and returns it unchanged.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """``message`` itself, marked for the catalogue."""
    return message


__all__ = ["N_"]
