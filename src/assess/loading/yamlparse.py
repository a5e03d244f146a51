"""Parsing YAML with locations (ruamel.yaml), for :mod:`assess.loading.yamlsrc`.

Files are parsed with ruamel.yaml's libyaml-based composer (fast, YAML 1.2)
into nodes that carry their positions, then turned into plain Python data by
a small walk that records where every key and value sits, rejects duplicate
keys and merge keys, and bounds alias expansion. Every failure becomes an
:class:`~assess.errors.InputError` naming file:line:column.

A plain text (nearly every profile and checklist: see :func:`plain_document`)
is read straight from the parser's events instead, into the same data and
positions; anything unusual or wrong takes the walk above, so its messages
are the walk's.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, Resolver
from ruamel.yaml.tag import Tag

try:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - no libyaml binding (e.g. PyPy): ruamel's pure parser
    CParser = None

from assess.errors import InputError
from assess.i18n import _
from assess.loading.yamlsrc import MAX_DEPTH, MAX_NODES, DataPath, YamlDoc, what_noun


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    return yaml


#: YAML 1.2 implicit tags by a plain scalar's first character ("" for the empty
#: scalar): ruamel's own 1.2 table, in its order.
#: Each pattern is unwrapped from ruamel's lazy wrapper once, here.
_IMPLICIT: dict[str, list[tuple[Tag, Any]]] = {
    first: [(Tag(suffix=tag), regexp.lazy_self().match) for tag, regexp in rules]
    for first, rules in Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
_STR_TAG = BaseResolver.DEFAULT_SCALAR_TAG
#: Text of the shared tag objects, by identity: saves a property and two
#: method calls per node. They live as long as the module, so ids are stable.
_TAG_TEXT: dict[int, str] = {
    id(tag): str(tag)
    for tag in [
        *(tag for rules in _IMPLICIT.values() for tag, _ in rules),
        BaseResolver.DEFAULT_SCALAR_TAG,
        BaseResolver.DEFAULT_SEQUENCE_TAG,
        BaseResolver.DEFAULT_MAPPING_TAG,
    ]
}


def _tag_text(node: Node) -> str:
    """``str(node.tag)``, fast for the tags the resolver hands out."""
    tag = node.ctag
    text = _TAG_TEXT.get(id(tag))
    return text if text is not None else str(tag)


class _Composer(BaseResolver, *((CParser,) if CParser is not None else ())):  # type: ignore[misc]
    """libyaml's parser and composer with YAML 1.2 tag resolution.

    This is what ``YAML(typ="safe", pure=False).compose_all`` runs, less its
    per-call set-up and its per-scalar look-up of the YAML version (which, with
    the C parser, always comes out as 1.2: ``%YAML`` directives do not change
    it). Tags resolve exactly as there; resolved tags are shared objects.
    """

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        BaseResolver.__init__(self, loadumper=self)
        self._parser = self._composer = self

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, match in _IMPLICIT.get(value[:1], ()):
                    if match(value):
                        return tag
            return _STR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


#: Texts with more indicator characters than this get a first pass over the
#: parser's events (no tree) that bounds nesting and values before anything
#: is built: libyaml's composer recurses in C (some 20,000 levels overflow the
#: stack) and builds the whole tree first. Every collection starts with one of
#: these characters of its own (``[``, ``{``, ``-``, ``?``, ``:``; ``,``
#: separates flow entries), so a text with fewer cannot nest deeper than that
#: or hold many values; every built-in checklist and example has under 1,200.
SCAN_ABOVE = 4096
_INDICATORS = "[{-?:,"


def _prescan(text: str, shown: str) -> None:
    """Refuse a text nested deeper than MAX_DEPTH or holding more than
    MAX_NODES values, reading only the parser's events."""
    if CParser is None:  # pragma: no cover - the pure composer recurses in Python
        return
    if len(text) <= SCAN_ABOVE or sum(map(text.count, _INDICATORS)) <= SCAN_ABOVE:
        return
    parser = CParser(text)
    depth = nodes = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is ScalarEvent or kind is AliasEvent:
                nodes += 1
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                nodes += 1
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    raise InputError.at(
                        shown, f"is nested too deeply (more than {MAX_DEPTH} levels)", m.line + 1, m.column + 1
                    )
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            if nodes > MAX_NODES:
                m = event.start_mark
                raise InputError.at(
                    shown,
                    f"holds more than {MAX_NODES:,} values; no profile or checklist needs so many",
                    m.line + 1,
                    m.column + 1,
                )
    finally:
        parser.dispose()


def _compose_two(text: str) -> tuple[Node | None, Node | None]:
    """The first document's root node and whether a second document follows."""
    if CParser is None:  # pragma: no cover - see the import above
        nodes = _yaml().compose_all(text)
        return next(nodes, None), next(nodes, None)
    composer = _Composer(text)
    try:
        root = composer.get_node() if composer.check_node() else None
        extra = composer.get_node() if root is not None and composer.check_node() else None
        return root, extra
    finally:
        composer.dispose()


# ------------------------------------------------------------ events, faster
#
# ruamel.yaml.clib's parser makes each event it hands out by calling the event
# class its module names; a scalar's __init__ then climbs a chain of three
# Python __init__ (scalar event, node event, event), some fifth of the plain
# path's reading time. While :func:`plain_document` reads, the module names
# instead the factories below, which build the same objects, of the same
# classes, in one call. They are used only if, checked once when this module
# is imported, the parser hands out through them exactly the events it hands
# out through ruamel's classes (:func:`_factories_agree`); else ruamel's
# classes are left in place. The names are handed back once the text is read
# (assess reads in one thread: another thread's C emitter, which checks
# events against those names, would otherwise see the factories).

_new = object.__new__


def _scalar_event(
    anchor: Any,
    tag: Any,
    implicit: Any,
    value: Any,
    start_mark: Any = None,
    end_mark: Any = None,
    style: Any = None,
    comment: Any = None,
) -> ScalarEvent:
    event = _new(ScalarEvent)
    event.start_mark = start_mark
    event.end_mark = end_mark
    event.comment = comment
    event.anchor = anchor
    event.ctag = tag
    event.implicit = implicit
    event.value = value
    event.style = style
    return event


def _collection_start(cls: type[Any]) -> Callable[..., Any]:
    def start(
        anchor: Any,
        tag: Any,
        implicit: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        flow_style: Any = None,
        comment: Any = None,
        nr_items: Any = None,
    ) -> Any:
        event = _new(cls)
        event.start_mark = start_mark
        event.end_mark = end_mark
        event.comment = comment
        event.anchor = anchor
        event.ctag = tag
        event.implicit = implicit
        event.flow_style = flow_style
        event.nr_items = nr_items
        return event

    return start


#: The binding's event classes, by the name its module calls them by, and the factory for each.
_CLASSES: dict[str, Any] = {
    "ScalarEvent": ScalarEvent,
    "MappingStartEvent": MappingStartEvent,
    "SequenceStartEvent": SequenceStartEvent,
}
_FACTORIES: dict[str, Callable[..., Any]] = {
    "ScalarEvent": _scalar_event,
    "MappingStartEvent": _collection_start(MappingStartEvent),
    "SequenceStartEvent": _collection_start(SequenceStartEvent),
}
_BINDING = sys.modules.get(CParser.__module__) if CParser is not None else None

#: A text with every kind of event and every attribute one may carry.
_SAMPLE = """%YAML 1.2
---
plain: &a text  # a comment
single: 'quoted'
double: "escaped\\n"
tagged: !!str 12
literal: |
  kept
folded: >-
  folded
flow: [1, {key: value}, *a, ~]
block:
- null
-
- - nested
empty: {}
...
"""


def _set_names(names: dict[str, Callable[..., Any]]) -> None:
    for name, make in names.items():
        setattr(_BINDING, name, make)


def _events(text: str) -> list[tuple[Any, ...]]:
    """Every event of ``text``, as its class and every attribute it holds (marks as their positions)."""
    parser = CParser(text)
    out = []
    try:
        while parser.check_event():
            event = parser.get_event()
            held: list[Any] = [type(event)]
            for cls in type(event).__mro__:
                for name in getattr(cls, "__slots__", ()):
                    value: Any = getattr(event, name, None)
                    held.append((value.index, value.line, value.column) if name.endswith("_mark") else value)
            out.append(tuple(held))
    finally:
        parser.dispose()
    return out


def _factories_agree() -> bool:
    """Whether the binding names ruamel's own event classes, and builds,
    through the factories, every event of :data:`_SAMPLE` as it builds it
    through those classes."""
    if _BINDING is None or not all(getattr(_BINDING, n, None) is cls for n, cls in _CLASSES.items()):
        return False
    try:
        theirs = _events(_SAMPLE)
        _set_names(_FACTORIES)
        try:
            ours = _events(_SAMPLE)
        finally:
            _set_names(_CLASSES)
    except Exception:  # any difference at all leaves ruamel's classes in place
        return False
    return ours == theirs


#: Whether :func:`plain_document` hands the binding the factories.
FAST_EVENTS = _factories_agree()


class _Unusual(Exception):
    """The text needs the careful walk: see :func:`plain_document`."""


#: :data:`_IMPLICIT` with each tag as the kind :func:`_typed` takes.
_KINDS: dict[str, list[tuple[str, Any]]] = {
    first: [(str(tag).removeprefix("tag:yaml.org,2002:"), match) for tag, match in rules]
    for first, rules in _IMPLICIT.items()
}


def plain_document(
    text: str, positions: bool = True
) -> tuple[Any, dict[DataPath, tuple[int, int]], dict[DataPath, tuple[int, int]]] | None:
    """Data, key positions and value positions of a plain YAML text, read
    straight from the parser's events; None when the text needs the careful
    walk (composed nodes, then :class:`_Builder`).

    Nearly every profile and checklist is plain: one document, no anchors,
    aliases or explicit tags, text keys each given once, values of the kinds
    :func:`_typed` reads, well within the limits. Building the data from the
    events skips the node tree and its per-node calls (about a fifth of the
    reading time). Anything else, and every error the text may hold, makes
    this give up, so the careful walk, which also runs the pre-pass for
    hostile inputs, reads it as before with the same messages: what this
    returns is always what that walk would build.

    Without ``positions`` the two position tables come back empty (and no
    data path is built): the same data and the same verdict on the text, for
    a caller that asks for positions only if something is wrong
    (:func:`assess.loading.yamlsrc.parse`: some sixth of the reading time).
    """
    if CParser is None:  # pragma: no cover - see the import above
        return None
    parser = CParser(text)
    get = parser.get_event
    keys: dict[DataPath, tuple[int, int]] = {}
    values: dict[DataPath, tuple[int, int]] = {}
    count = 0  # nodes, keys included: what the pre-pass counts

    def node(event: Any, path: DataPath, depth: int) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES or event.anchor is not None or event.ctag is not None:
            raise _Unusual
        if positions:
            m = event.start_mark
            values[path] = (m.line + 1, m.column + 1)
        kind = type(event)
        if kind is ScalarEvent:
            value = event.value
            if event.implicit[0]:
                for tag, match in _KINDS.get(value[:1], ()):
                    if match(value):
                        try:
                            return _typed(tag, value)
                        except _NotA:
                            raise _Unusual from None
            return value
        if depth >= MAX_DEPTH - 1:  # the careful walk words the limit
            raise _Unusual
        if kind is MappingStartEvent:
            return mapping(path, depth)
        if kind is SequenceStartEvent:
            return sequence(path, depth)
        raise _Unusual  # an alias

    def mapping(path: DataPath, depth: int) -> dict[str, Any]:
        nonlocal count
        out: dict[str, Any] = {}
        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent:
                return out
            if kind is not ScalarEvent or event.anchor is not None or event.ctag is not None:
                raise _Unusual  # a list or mapping as a key, an anchor or a tag
            key = event.value
            if key in out or (key[:1] == "<" and event.implicit[0]):
                raise _Unusual  # a duplicate key, or maybe a merge key ('<<')
            count += 1
            if positions:
                m = event.start_mark
                sub = (*path, key)
                keys[sub] = (m.line + 1, m.column + 1)
                out[key] = node(get(), sub, depth + 1)
            else:
                out[key] = node(get(), path, depth + 1)

    def sequence(path: DataPath, depth: int) -> list[Any]:
        out: list[Any] = []
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return out
            out.append(node(event, (*path, len(out)) if positions else path, depth + 1))

    if FAST_EVENTS:
        _set_names(_FACTORIES)  # handed back below, whatever happens
    try:
        if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
            raise _Unusual
        first = get()
        data = node(first, (), 0)
        if data is None and type(first) is ScalarEvent:
            raise _Unusual  # an empty document
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise _Unusual  # another document follows
        return data, keys, values
    except (_Unusual, YAMLError):
        return None
    finally:
        if FAST_EVENTS:
            _set_names(_CLASSES)
        parser.dispose()
        # The three readers refer to one another through their closures: a
        # cycle that would keep them, and the positions they hold, until the
        # cyclic collector came by. Emptying the cells lets them go now.
        node = mapping = sequence = None  # type: ignore[assignment]


def _syntax_message(e: MarkedYAMLError) -> str:
    problem = (e.problem or str(e)).strip()
    if "tab" in problem:
        return _("tab character used for indentation; indent YAML with spaces")
    context = f" {e.context.strip()}" if e.context else ""
    return _("invalid YAML: {problem}").format(problem=problem) + (f" ({context.strip()})" if context else "")


def parse_text(text: str, shown: str, digest: str, what: str, positions: bool) -> YamlDoc:
    """:func:`assess.loading.yamlsrc.parse`, once the text's ``digest`` is known."""
    plain = plain_document(text, positions)
    escapes = "\\" in text or "\x85" in text
    if plain is not None:
        if not positions:
            return YamlDoc(shown, plain[0], {}, {}, digest, escapes, positions_from=text)
        return YamlDoc(shown, *plain, digest, may_hold_control=escapes)
    try:
        _prescan(text, shown)
        root, extra = _compose_two(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise InputError.at(shown, _syntax_message(e), line, col) from None
    except YAMLError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError.at(shown, _("invalid YAML: {problem}").format(problem=first)) from None
    except RecursionError:
        raise InputError.at(shown, f"is nested too deeply (more than {MAX_DEPTH} levels)") from None
    if extra is not None:
        m = extra.start_mark
        raise InputError.at(
            shown,
            f"holds several YAML documents ('---'); put one {what} in each file",
            m.line + 1,
            m.column + 1,
        )
    if root is None or (isinstance(root, ScalarNode) and str(root.tag).endswith(":null")):
        raise InputError.at(shown, _("is empty; expected a {what}").format(what=what_noun(what)), 1, 1)
    builder = _Builder(shown)
    data = builder.build(root, (), 0)
    return YamlDoc(shown, data, builder.keys, builder.values, digest, may_hold_control=escapes)


_INT_RE = re.compile(r"^[-+]?(0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9_]+)$")


class _Builder:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.keys: dict[DataPath, tuple[int, int]] = {}
        self.values: dict[DataPath, tuple[int, int]] = {}
        self.visited = 0
        self.open: set[int] = set()  # collection nodes being built: a cycle if met again

    def _fail(self, node: Node, message: str) -> InputError:
        m = node.start_mark
        return InputError.at(self.shown, message, m.line + 1, m.column + 1)

    def build(self, node: Node, path: DataPath, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self._fail(
                node,
                f"expands to more than {MAX_NODES:,} values (anchors and aliases used as a bomb?)",
            )
        if depth > MAX_DEPTH:
            raise self._fail(node, f"is nested too deeply (more than {MAX_DEPTH} levels)")
        values = self.values
        if path not in values:
            m = node.start_mark
            values[path] = (m.line + 1, m.column + 1)
        if isinstance(node, ScalarNode):
            # Most values are plain strings: skip the general scalar walk.
            return node.value if node.ctag is _STR_TAG else self._scalar(node, path)
        if id(node) in self.open:
            raise self._fail(node, "an alias refers to the collection that contains it (a cycle)")
        self.open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path, depth)
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys = self.keys
        build = self.build
        for key_node, value_node in node.value:
            if key_node.ctag is not _STR_TAG and _tag_text(key_node).endswith(":merge"):
                raise self._fail(key_node, "merge keys ('<<') are not supported; write the keys out")
            if not isinstance(key_node, ScalarNode):
                raise self._fail(key_node, "a key must be plain text, not a list or mapping")
            key = str(key_node.value)
            if key in out:
                first = keys[(*path, key)]
                raise self._fail(
                    key_node, _("duplicate key '{key}' (first defined at line {line})").format(key=key, line=first[0])
                )
            km = key_node.start_mark
            sub = (*path, key)
            keys[sub] = (km.line + 1, km.column + 1)
            out[key] = build(value_node, sub, depth + 1)
        return out

    def _scalar(self, node: ScalarNode, path: DataPath) -> Any:
        tag, value = _tag_text(node), node.value
        kind = tag.removeprefix("tag:yaml.org,2002:")
        try:
            return _typed(kind, value)
        except _NotA as e:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).removeprefix(".")
            prefix = f"{where}: " if where else ""
            if e.args:
                raise self._fail(node, f"{prefix}'{value}' {e.args[0]}") from None
            shown = "!!" + kind if kind != tag else tag
            raise self._fail(
                node, f"{prefix}unsupported YAML tag '{shown}'; profiles and checklists use plain values"
            ) from None


class _NotA(ValueError):
    """A scalar that is not a value of its kind: ``args`` hold how to say so
    (none for a kind that profiles and checklists do not use)."""


def _typed(kind: str, value: str) -> Any:
    """The Python value of a scalar of ``kind`` (a YAML core tag without its prefix)."""
    if kind == "str":
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        if not _INT_RE.match(value):
            raise _NotA("is not a whole number")
        text = value.replace("_", "")
        sign = -1 if text.startswith("-") else 1
        body = text.lstrip("+-")
        return sign * (int(body, 0) if body.startswith(("0o", "0x")) else int(body, 10))
    if kind == "float":
        text = value.lower().replace("_", "")
        if text.endswith(".inf"):
            return -math.inf if text.startswith("-") else math.inf
        if text.endswith(".nan"):
            return math.nan
        try:
            return float(text)
        except ValueError:
            raise _NotA("is not a number") from None
    if kind == "timestamp":
        try:
            if len(value) <= 10:
                return dt.date.fromisoformat(_pad_date(value))
            return dt.datetime.fromisoformat(value.replace(" ", "T", 1).replace("Z", "+00:00"))
        except ValueError:
            raise _NotA("is not a valid date; write it as YYYY-MM-DD") from None
    raise _NotA


def _pad_date(value: str) -> str:
    y, m, d = value.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"
