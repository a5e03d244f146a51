"""`assess report` end to end, as cold processes, against three baselines run in the same rounds.

Every command is a cold process; each round runs them all, in turn, and each
figure is the median over the rounds of the paired ratio (our run over the
baseline's run in the same round), which shrugs off load that comes and goes.

1. ``report_vs_weasyprint_floor``: a bare script that imports WeasyPrint and
   lays out the very HTML that ``assess report examples/liberia.yaml`` lays
   out. The ratio is what assess adds on top of WeasyPrint: loading, scoring,
   templating, tagging. Target: at most 1.2.
2. ``report_vs_plain_paragraphs``: the same script on the report's own text
   as plain paragraphs (each heading, paragraph, list item and table cell one
   ``<p>``) in the same fonts. The ratio is what the
   report's layout (tables, cards, page breaks, the cover) costs over text
   alone. Target: at most 1.5.
3. ``report_vs_check``: ``assess check`` on the same profile. Target: at most 8.

The HTML is made once, untimed, before the rounds.
"""

from __future__ import annotations

import html as html_module
import os
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "liberia.yaml"
RUNS = int(os.environ.get("ASSESS_BENCH_REPORT_RUNS", "7"))
TARGETS = {"floor": 1.2, "plain": 1.5, "check": 8.0}

FLOOR = """\
import sys
from pathlib import Path
from weasyprint import HTML
html = Path(sys.argv[1]).read_text(encoding="utf-8")
HTML(string=html, base_url=sys.argv[2]).write_pdf(sys.argv[3])
"""

#: Elements whose text starts a paragraph of its own in the plain version.
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "figcaption", "dt", "dd", "caption", "blockquote"}
SKIP = {"style", "script", "title", "svg", "head"}


class _Text(HTMLParser):
    """The text of a page, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping -= 1
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def plain_paragraphs(page: str, fonts_css: str, lang: str = "en") -> str:
    """The text of ``page`` as plain paragraphs, in the report's fonts, size and margins."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    parser._flush()
    body = "\n".join(f"<p>{html_module.escape(b)}</p>" for b in parser.blocks)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>{fonts_css}\n'
        "@page { size: A4; margin: 22mm 19mm 20mm 19mm; }\n"
        'html { font-family: "Inter", "DejaVu Sans", sans-serif; font-size: 9.2pt; line-height: 1.45; }\n'
        "p { margin: 0 0 2.4mm; }\n"
        f"</style></head><body>\n{body}\n</body></html>\n"
    )


def _html() -> tuple[str, Path]:
    from assess import __version__
    from assess.core.evaluate import evaluate
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile
    from assess.render.report import creation_time, render_html
    from assess.resources import templates_dir

    profile, source = load_profile(PROFILE)
    a = evaluate(profile, load_checklists(()), source, __version__)
    folder = templates_dir()
    return render_html(a, folder, creation_time(None, a.profile.assessment_date), pdf=True), folder


#: Like an installed package, every side runs from bytecode caches: without this
#: a shell that sets PYTHONDONTWRITEBYTECODE would recompile assess's own
#: sources on every run (WeasyPrint's .pyc files came with its install).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one cold process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> list[str]:
    page, folder = _html()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "report.html").write_text(page, encoding="utf-8")
        plain = plain_paragraphs(page, (folder / "fonts.css").read_text("utf-8"))
        (work / "plain.html").write_text(plain, encoding="utf-8")
        (work / "floor.py").write_text(FLOOR, encoding="utf-8")
        exe = Path(sys.executable).with_name("assess")
        entry = [str(exe)] if exe.exists() else [sys.executable, "-m", "assess"]
        base = folder.resolve().as_uri() + "/"
        commands = {
            "ours": [*entry, "report", str(PROFILE), "-o", str(work / "assess.pdf")],
            "floor": [
                sys.executable,
                str(work / "floor.py"),
                str(work / "report.html"),
                base,
                str(work / "f.pdf"),
            ],
            "plain": [
                sys.executable,
                str(work / "floor.py"),
                str(work / "plain.html"),
                base,
                str(work / "p.pdf"),
            ],
            "check": [*entry, "check", str(PROFILE), "-o", str(work / "check.txt")],
        }
        for cmd in commands.values():
            _time(cmd)  # warm the disk cache; not counted
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for n in range(RUNS):
            # Alternate the order, so that load from elsewhere hits every side alike.
            for name in list(commands) if n % 2 == 0 else reversed(list(commands)):
                runs[name].append(_time(commands[name]))
        pages = {k: _pages(work / f) for k, f in (("ours", "assess.pdf"), ("plain", "p.pdf"))}

    def ratio(base: str, index: int = 0) -> float:
        return statistics.median(o[index] / b[index] for o, b in zip(runs["ours"], runs[base], strict=True))

    def median(name: str) -> float:
        return statistics.median(w for w, _ in runs[name])

    def verdict(value: float, target: float) -> str:
        return "PASS" if value <= target else "FAIL"

    floor, plain_r, check = ratio("floor"), ratio("plain"), ratio("check")
    return [
        f"report_vs_weasyprint_floor_cpu: {ratio('floor', 1):.2f}x (information: CPU time, less sensitive to a busy machine)",
        f"report_vs_weasyprint_floor: {floor:.2f}x wall time (target <= {TARGETS['floor']}) {verdict(floor, TARGETS['floor'])}",
        f"report_vs_plain_paragraphs_cpu: {ratio('plain', 1):.2f}x (information: CPU time)",
        f"report_vs_plain_paragraphs: {plain_r:.2f}x wall time (report {median('ours'):.2f} s, {pages['ours']} pages; "
        f"plain {median('plain'):.2f} s, {pages['plain']} pages; median of {RUNS}; "
        f"target <= {TARGETS['plain']}) {verdict(plain_r, TARGETS['plain'])}",
        f"report_vs_check: {check:.2f}x wall time (check {median('check'):.2f} s; cold processes; "
        f"target <= {TARGETS['check']}) {verdict(check, TARGETS['check'])}",
    ]


if __name__ == "__main__":
    for line in main():
        print(line)
