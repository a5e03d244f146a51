"""Reading a portfolio's profiles ahead, while the run is still starting.

A portfolio run spends its first quarter of a second importing its models
and compiling the checklists, on one core, before any worker can assess a
profile; on a machine with more than one core the others sit idle. So, once
the profiles are found (:mod:`assess.loading.discovery`) and before those
imports, the run forks a reader: a copy of the process as it is then (the
standard library and the YAML reader only) that reads and parses profiles,
in order, into memory shared with the workers forked later. A portfolio started
from the command line forks it sooner still, before the command line's own
modules are imported (:func:`assess.app.early.read_ahead_early`). When the run is
ready to assess, it stops the reader and waits for it; a worker given a
profile the reader got to takes the parsed data from there, and reads any
other profile itself.

Only what :func:`assess.loading.yamlsrc.load` reads as a plain text is kept
(its data, digest and text, so that its locations can still be read from it
when a problem needs them). A file the reader cannot read, or that is not
plain, or that is large, is left for the worker, which then reads it as it
always would, with the same messages. So the outcome of every profile is the
same with or without the reader; only where the parsing happens differs.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import InputError

if TYPE_CHECKING:
    from assess.loading import yamlsrc

#: Fewer profiles than this are read by the workers alone: the reader would
#: finish them in a few milliseconds either way.
MIN_FILES = 16
#: Larger files are left to the workers (the reader must stop soon when asked).
MAX_FILE_BYTES = 256 * 1024
#: Shared memory for the parsed profiles (reserved, not used until written):
#: about ten times what the reader gets through before a run is ready.
BUDGET_BYTES = 64 * 1024 * 1024

_SLOT = struct.Struct("<II")  # where a profile's record starts, and its length (0: not read ahead)
_HEADER = 8  # byte 0: the run asks the reader to stop


def cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - no affinity call (macOS, Windows)


class ReadAhead:
    """The profiles read ahead by a reader process, by path."""

    def __init__(self, files: Sequence[Path]) -> None:
        self._index = {str(f): i for i, f in enumerate(files)}
        self._start = _HEADER + _SLOT.size * len(files)
        self._memory: mmap.mmap | None = mmap.mmap(-1, self._start + BUDGET_BYTES)
        self._pid: int | None = None

    @classmethod
    def start(cls, files: Sequence[Path]) -> ReadAhead | None:
        """A reader started on ``files``; None where it would not help (one
        CPU, few files) or cannot run (no ``fork``)."""
        if not hasattr(os, "fork") or len(files) < MIN_FILES or cpus() < 2:
            return None
        ahead = cls(files)
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the reader (coverage is not measured in a forked child)
            try:
                ahead._read(files, parent)
            finally:
                os._exit(0)
        ahead._pid = pid
        return ahead

    def _read(self, files: Sequence[Path], parent: int) -> None:  # pragma: no cover - in the reader
        """The reader: parse ``files`` in order until asked to stop, the
        memory is full, or the run is gone. Whatever goes wrong with a file
        leaves it to the worker, which reports it."""
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's business: it stops the reader
        from assess.loading import yamlsrc  # imported here, on the reader's core, when started early

        memory = self._memory
        assert memory is not None
        at = self._start
        for i, path in enumerate(files):
            if memory[0] or os.getppid() != parent:
                return
            try:
                doc = yamlsrc.load(path, "profile", positions=False, limit=MAX_FILE_BYTES)
            except (InputError, OSError, ValueError, RecursionError, MemoryError):
                continue
            text = doc.unread_text
            if text is None:
                continue  # not a plain text: the worker's careful walk reads it
            record = pickle.dumps((doc.data, doc.sha256, doc.may_hold_control, text), pickle.HIGHEST_PROTOCOL)
            if at + len(record) > len(memory):
                return
            memory[at : at + len(record)] = record
            _SLOT.pack_into(memory, _HEADER + _SLOT.size * i, at, len(record))
            at += len(record)

    def reading(self) -> bool:
        """Whether the reader is still at work: it ends once it has read every
        profile (or filled its memory), unless it is stopped first."""
        if self._pid is None:
            return False
        try:
            pid, _ = os.waitpid(self._pid, os.WNOHANG)
        except ChildProcessError:  # reaped elsewhere
            pid = self._pid
        if pid == 0:
            return True
        self._pid = None  # ended, and reaped: what it read is all written
        return False

    def stop(self) -> None:
        """Ask the reader to stop and wait until it has: what it read is then
        all written, for this process and for the workers it forks."""
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        if self._memory is not None:
            self._memory[0] = 1
        with contextlib.suppress(ChildProcessError):  # reaped elsewhere
            os.waitpid(pid, 0)

    def close(self) -> None:
        """Stop the reader and let the memory go."""
        self.stop()
        if self._memory is not None:
            self._memory.close()
            self._memory = None

    def doc(self, path: Path) -> yamlsrc.YamlDoc | None:
        """``path`` as the reader parsed it, or None (not read ahead). Call
        it once the reader has stopped (:meth:`stop`)."""
        i = self._index.get(str(path))
        memory = self._memory
        if i is None or memory is None or self._pid is not None:
            return None
        at, size = _SLOT.unpack_from(memory, _HEADER + _SLOT.size * i)
        if not size:
            return None
        data, digest, may_hold_control, text = pickle.loads(memory[at : at + size])
        from assess.loading import yamlsrc

        return yamlsrc.YamlDoc(str(path), data, {}, {}, digest, may_hold_control, positions_from=text)

    def count(self) -> int:
        """How many profiles were read ahead (once stopped)."""
        memory = self._memory
        if memory is None or self._pid is not None:
            return 0
        return sum(1 for i in range(len(self._index)) if _SLOT.unpack_from(memory, _HEADER + _SLOT.size * i)[1])
