"""The command line: a thin layer over loading, evaluation and the reporters.

Exit status: 0 ok; 1 a gate failed; 2 invalid input or usage; 3 internal error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from assess import __version__
from assess.errors import InputError, Problem, UsageError
from assess.i18n import LANGUAGES, _, set_language

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def _color(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _print_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        click.echo(_("error: {problem}").format(problem=p), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Assess SSR and mine action programmes against checklists derived from
    DCAF SSR Paper 15, "Linking Mine Action and SSR through Human Security"."""


checklist_option = click.option(
    "--checklist",
    "checklists",
    multiple=True,
    metavar="PATH_OR_ID",
    help="A checklist file or built-in id (repeatable). Default: all built-in checklists.",
)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    set_language(value)
    return value


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    envvar="ASSESS_LANG",
    is_eager=True,
    callback=_set_lang,
    help="Language of the output, messages and checklist texts (or set ASSESS_LANG).",
)


#: The --format names; tests keep this equal to assess.reporters.REPORTER_BY_NAME
#: (listed here so that `assess --help` does not import the reporters).
FORMATS = ["text", "json", "junit", "sarif", "github", "markdown"]


def _approach_thresholds(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, float]:
    from assess.core.gates import GateSyntaxError, parse_approach_threshold
    from assess.reporters.labels import gate_syntax_message

    out: dict[str, float] = {}
    for text in values:
        try:
            approach, value = parse_approach_threshold(text)
        except GateSyntaxError as e:
            raise click.BadParameter(gate_syntax_message(e), ctx, param) from None
        out[approach.value] = value
    return out


@cli.command()
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 if a profile's overall score is below N (0-100).",
)
@click.option(
    "--fail-under-approach",
    "fail_under_approach",
    multiple=True,
    metavar="APPROACH=N",
    callback=_approach_thresholds,
    help="Exit 1 if APPROACH's score is below N (repeatable), e.g. good_governance=60.",
)
@click.option(
    "--fail-on-synergy",
    type=click.Choice(["high", "medium", "any"]),
    help="Exit 1 if a synergy of this priority or higher is missed.",
)
@click.option(
    "--max-unknown",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Exit 1 if more than PERCENT of the applicable items are unknown.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A result document (--format json) of an earlier run: report changes, gate only on regressions.",
)
@click.option(
    "--waivers",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A YAML file of waived items (justification, approver, expiry).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The date waiver expiry is judged on (default: today).",
)
@lang_option
def check(
    profiles: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_under: float | None,
    fail_under_approach: dict[str, float],
    fail_on_synergy: str | None,
    max_unknown: float | None,
    baseline: Path | None,
    waivers: Path | None,
    today: dt.datetime | None,
    lang: str,
) -> int:
    """Score PROFILES against the checklists and print the findings.

    Gates (--fail-under, --fail-under-approach, --fail-on-synergy,
    --max-unknown) exit 1 when a profile is past a threshold; with --baseline,
    only when it is also worse than the baseline.
    """
    from assess.core.baseline import diff, pair
    from assess.core.checklist import Approach
    from assess.core.evaluate import evaluate
    from assess.core.gates import Gates, judge
    from assess.files import write_atomic
    from assess.loading.baseline import load_baseline
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile
    from assess.loading.waivers import expired_message, for_profile, load_waivers
    from assess.reporters import REPORTER_BY_NAME, RUN_REPORTERS, RunContext
    from assess.reporters.labels import change_lines, gate_line

    gates = Gates(
        fail_under=fail_under,
        fail_under_approach={Approach(k): v for k, v in fail_under_approach.items()},
        fail_on_synergy=fail_on_synergy,
        max_unknown=max_unknown,
    )
    day = today.date() if today is not None else dt.date.today()
    compiled = load_checklists(checklists, lang)
    waiver_list = load_waivers(waivers, compiled) if waivers is not None else []
    baseline_docs = load_baseline(baseline) if baseline is not None else None
    assessments = []
    problems: list[Problem] = []
    warnings: dict[str, None] = {}
    for path in profiles:
        try:
            profile, source = load_profile(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        decision = for_profile(waiver_list, source.path, day)
        warnings.update((expired_message(w, day), None) for w in decision.expired)
        assessment = evaluate(profile, compiled, source, __version__, decision.in_force)
        assessments.append(assessment.model_copy(update={"language": lang}) if lang != "en" else assessment)
    _print_problems(problems)
    for line in warnings:
        click.echo(line, err=True)
    notes: list[str] = []
    results = []
    changes = []
    paired = pair(baseline_docs, assessments) if baseline_docs is not None else {}
    for a in assessments:
        before = paired.get(a.profile.path)
        if baseline_docs is not None and before is None:
            notes.append(
                _("note: the baseline has no result for {path}; its gates use thresholds alone").format(
                    path=a.profile.path
                )
            )
        if before is not None:
            changes.append(diff(before, a))
        if gates.any:
            results += judge(a, gates, before.measures() if before is not None else None)
    if assessments:
        color = output is None and _color(sys.stdout)
        if fmt in RUN_REPORTERS:
            context = RunContext(gates=results, changes=changes, warnings=list(warnings))
            text = RUN_REPORTERS[fmt](assessments, color, context)
        else:
            text = REPORTER_BY_NAME[fmt](assessments, color)
        if output is not None:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
    for c in changes:
        for line in change_lines(c):
            click.echo(line, err=True)
    for line in notes:
        click.echo(line, err=True)
    for r in results:
        if not r.passed or r.compared:
            click.echo(gate_line(r), err=True)
    if problems:
        return EXIT_INPUT
    return EXIT_GATE if any(not r.passed for r in results) else EXIT_OK


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            _("'{value}' is not a date of the form YYYY-MM-DD").format(value=value), ctx, param
        ) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown", "pdf", "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout (required for pdf)."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Assess in N parallel processes (default: the number of CPU cores; 1 runs in this process).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 naming each programme whose overall score is below N (0-100).",
)
@click.option(
    "--reports-dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Also write each programme's own PDF report into DIR (in the worker processes); "
    "the pdf and html formats link to them.",
)
@click.option("--title", metavar="TEXT", help="The portfolio's name on the pdf/html report's cover.")
@click.option(
    "--template-dir",
    type=click.Path(path_type=Path),
    help="A folder with portfolio.html.j2, report.html.j2 and their assets. Default: the built-in templates.",
)
@click.option(
    "--date",
    "date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The reports' date. Default: SOURCE_DATE_EPOCH, else today (each programme's report: "
    "its assessment date first).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@lang_option
def portfolio(
    paths: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    jobs: int | None,
    fail_under: float | None,
    reports_dir: Path | None,
    title: str | None,
    template_dir: Path | None,
    date: object,
    quiet: bool,
    lang: str,
) -> int:
    """Assess many programmes and compare them: ranking, synergies missed most
    often, and UN mandates (as in the paper's Table 1).

    PATHS are profile files or folders, searched recursively for *.yaml and
    *.yml. A profile that cannot be read is reported and left out; the others
    are still assessed and written, and the exit status is 2.
    """
    from assess.app.portfolio import ReportSettings, default_jobs, discover, report_targets, run_portfolio
    from assess.files import write_atomic
    from assess.loading.checklists import load_checklists
    from assess.reporters.labels import portfolio_gate_line

    day = date if isinstance(date, dt.date) else None
    render = fmt in ("pdf", "html")
    if fmt == "pdf" and output is None:
        raise click.UsageError("--format pdf needs -o FILE: a PDF is not written to the terminal.")
    settings = None
    created = None
    folder = Path()
    if render or reports_dir is not None:
        from assess.render.portfolio import check_template_dir as check_portfolio_template
        from assess.render.report import check_template_dir as check_report_template
        from assess.render.report import creation_time
        from assess.resources import templates_dir

        folder = template_dir if template_dir is not None else templates_dir()
        if render:
            check_portfolio_template(folder)
        if reports_dir is not None:
            check_report_template(folder)
            if reports_dir.exists() and not reports_dir.is_dir():
                raise InputError.at(str(reports_dir), "--reports-dir: not a folder")
            settings = ReportSettings(folder, day, lang)
        created = creation_time(day, None)  # also checks SOURCE_DATE_EPOCH before the slow part
    if output is not None:
        if not (output.parent if str(output.parent) else Path(".")).is_dir():
            raise InputError.at(str(output), f"cannot write: the folder '{output.parent}' does not exist")
        if output.is_dir():
            raise InputError.at(str(output), "cannot write: it is a directory")
    compiled = load_checklists(checklists, lang)
    files, problems = discover(paths)
    targets = None
    if reports_dir is not None:
        import assess.render.pdf  # noqa: F401  # imported once here, inherited by the workers

        targets = report_targets(files, reports_dir)
        try:
            reports_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError.at(str(reports_dir), f"cannot create the reports folder: {err.strerror or err}") from None
    show_progress = not quiet and _color(sys.stderr) and len(files) > 1
    renderer_messages: list[str] = []
    with contextlib.ExitStack() as stack:
        progress = None
        if show_progress:
            progress = stack.enter_context(
                click.progressbar(length=len(files), label=_("Assessing"), file=sys.stderr)
            ).update
        result, problems, written = run_portfolio(
            files,
            checklists,
            compiled,
            tool_version=__version__,
            jobs=jobs or default_jobs(),
            problems=problems,
            progress=progress,
            lang=lang,
            reports=targets,
            settings=settings,
            messages=renderer_messages.append,
        )
    _print_problems(problems)
    for line in renderer_messages:
        click.echo(line, err=True)
    if reports_dir is not None:
        click.echo(
            _("{count} programme report(s) written to {path}").format(count=len(written), path=reports_dir), err=True
        )
    if result is not None:
        if render:
            assert created is not None
            _portfolio_report(result, fmt, output, folder, created, title, paths, written, reports_dir, lang)
        else:
            from assess.reporters.portfolio import PORTFOLIO_REPORTER_BY_NAME, json_chunks

            if fmt == "json":  # in pieces: a large portfolio is never held as one string
                chunks: Iterable[str] = json_chunks(result)
            else:
                chunks = [PORTFOLIO_REPORTER_BY_NAME[fmt](result, output is None and _color(sys.stdout))]
            if output is not None:
                write_atomic(output, chunks)
            else:
                for chunk in chunks:
                    click.echo(chunk, nl=False)
    failed = []
    if fail_under is not None and result is not None:
        for e in result.programmes:
            s = e.overall.score
            if s is None or s < fail_under:
                failed.append(portfolio_gate_line(fail_under, e.path, e.title, s))
    for line in failed:
        click.echo(line, err=True)
    if problems:
        assessed = len(result.programmes) if result is not None else 0
        click.echo(
            _("{problems} problem(s); {assessed} programme(s) assessed.").format(
                problems=len(problems), assessed=assessed
            ),
            err=True,
        )
        return EXIT_INPUT
    return EXIT_GATE if failed else EXIT_OK


def _portfolio_report(
    result: object,
    fmt: str,
    output: Path | None,
    folder: Path,
    created: dt.datetime,
    title: str | None,
    paths: Sequence[Path],
    written: dict[str, Path],
    reports_dir: Path | None,
    lang: str = "en",
) -> None:
    """Render the portfolio as a PDF or an HTML page linking each programme's report."""
    from assess.core.portfolio import Portfolio
    from assess.render.portfolio import render_portfolio_html, report_links

    assert isinstance(result, Portfolio)
    pdf = fmt == "pdf"
    page_folder = output.parent if output is not None else Path(".")
    shown_reports = Path(os.path.relpath(reports_dir, page_folder)).as_posix() if reports_dir is not None else None
    html = render_portfolio_html(
        result,
        folder,
        created,
        pdf=pdf,
        title=title,
        sources=[p.as_posix() for p in paths],
        links=report_links(written, page_folder, pdf),
        reports_folder=shown_reports,
        lang=lang,
    )
    if not pdf:
        if output is None:
            click.echo(html, nl=False)
        else:
            _write_report(output, html)
        return
    from assess.render.pdf import render_pdf

    assert output is not None
    rendered = render_pdf(html, folder, created)
    for line in rendered.messages:
        click.echo(f"{folder}: {line}", err=True)
    _write_report(output, rendered.data)
    click.echo(_("Portfolio report written to {path} ({pages} pages)").format(path=output, pages=rendered.pages))


@cli.command()
@click.argument("files", nargs=-1, type=str)
def lint(files: tuple[str, ...]) -> int:
    """Validate checklist FILES (default: the built-in checklists)."""
    from assess.loading.checklists import lint as run_lint

    compiled, problems = run_lint(files)
    if problems:
        _print_problems(problems)
        click.echo(_("{count} problem(s) found.").format(count=len(problems)), err=True)
        return EXIT_INPUT
    items = sum(len(c.checklist.items) for c in compiled)
    for c in compiled:
        click.echo(
            _("ok  {id} {version}  ({count} items)").format(
                id=c.checklist.id, version=c.checklist.version, count=len(c.checklist.items)
            )
        )
    click.echo(
        _("{checklists} checklist(s), {items} items: no problems.").format(checklists=len(compiled), items=items)
    )
    return EXIT_OK


@cli.command()
@click.argument("profile", type=click.Path(path_type=Path))
@checklist_option
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Where to write. Default: <profile>-report.pdf here."
)
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True)
@click.option(
    "--template-dir",
    type=click.Path(path_type=Path),
    help="A folder with report.html.j2 and its assets. Default: the built-in templates.",
)
@click.option(
    "--date",
    "date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The report's date. Default: the profile's assessment date, else SOURCE_DATE_EPOCH, else today.",
)
@lang_option
def report(
    profile: Path,
    checklists: tuple[str, ...],
    output: Path | None,
    fmt: str,
    template_dir: Path | None,
    date: object,
    lang: str,
) -> int:
    """Write the report of missed synergies for PROFILE (PDF or HTML)."""
    import datetime as dt

    from assess.core.evaluate import evaluate
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile
    from assess.render.report import check_template_dir, creation_time, render_html
    from assess.resources import templates_dir

    folder = template_dir if template_dir is not None else templates_dir()
    target = output if output is not None else Path(f"{profile.stem}-report.{fmt}")
    check_template_dir(folder)
    # Fail before the slow part; write_atomic checks again when it writes.
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise InputError.at(
            str(target), _("cannot write: the folder '{folder}' does not exist").format(folder=target.parent)
        )
    if target.is_dir():
        raise InputError.at(str(target), _("cannot write: it is a directory"))
    compiled = load_checklists(checklists, lang)
    loaded, source = load_profile(profile)
    assessment = evaluate(loaded, compiled, source, __version__)
    if lang != "en":
        assessment = assessment.model_copy(update={"language": lang})
    created = creation_time(date if isinstance(date, dt.date) else None, assessment.profile.assessment_date)
    html = render_html(assessment, folder, created, pdf=fmt == "pdf", lang=lang)
    if fmt == "html":
        _write_report(target, html)
        click.echo(_("Report written to {path}").format(path=target))
        return EXIT_OK
    from assess.render.pdf import render_pdf

    rendered = render_pdf(html, folder, created)
    for line in rendered.messages:
        click.echo(f"{folder}: {line}", err=True)
    _write_report(target, rendered.data)
    click.echo(_("Report written to {path} ({pages} pages)").format(path=target, pages=rendered.pages))
    return EXIT_OK


def _write_report(target: Path, data: str | bytes) -> None:
    """write_atomic, with a failed write (disk full, read-only) as a located error."""
    from assess.files import write_atomic

    try:
        write_atomic(target, data)
    except OSError as e:
        raise InputError.at(str(target), _("cannot write: {reason}").format(reason=e.strerror or e)) from None


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the profile to FILE (default: stdout).")
@checklist_option
@click.option(
    "--schema-ref",
    metavar="PATH_OR_URL",
    help="What the yaml-language-server $schema line points at "
    "(default: schema/profile.schema.json in the working folder, relative to the output file).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def init(output: Path | None, checklists: tuple[str, ...], schema_ref: str | None, force: bool) -> int:
    """Write a commented profile scaffold: every question as a comment beside its field."""
    from assess.files import write_atomic
    from assess.forms.scaffold import scaffold
    from assess.loading.checklists import load_checklists

    if output is not None and output.exists() and not force:
        raise InputError.at(str(output), "already exists; use --force to overwrite it")
    if schema_ref is None:
        target = Path("schema") / "profile.schema.json"
        folder = output.parent if output is not None else Path(".")
        schema_ref = Path(os.path.relpath(target, folder)).as_posix()
        if not target.is_file():
            click.echo(
                f"note: the $schema line points at {target.as_posix()}, which does not exist; "
                f"write it with: assess schema profile > {target.as_posix()}",
                err=True,
            )
    text = scaffold(load_checklists(checklists), schema_ref)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    return EXIT_OK


@cli.command()
@click.argument("which", type=click.Choice(["profile", "checklist", "result", "portfolio"]))
def schema(which: str) -> int:
    """Print the JSON Schema of a profile, a checklist, a result or a portfolio document."""
    from assess.core.schemas import json_schema

    click.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    return EXIT_OK


@cli.command()
@checklist_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The .xlsx file to write.")
def xlsform(checklists: tuple[str, ...], output: Path) -> int:
    """Write an XLSForm (KoboToolbox, ODK, Survey123) asking what the checklists read.

    Labels are in English and French; each question is shown only where an
    item that reads it can apply. Import the submissions with `assess import`.
    """
    from assess.files import write_atomic
    from assess.forms.xlsform import build_form, workbook_bytes
    from assess.loading.checklists import load_checklists

    form = build_form(load_checklists(checklists), __version__)
    for note in form.notes:
        click.echo(f"note: {note}", err=True)
    write_atomic(output, workbook_bytes(form))
    questions = sum(1 for row in form.survey if row["type"] == "select_one answer")
    click.echo(f"wrote {output} ({questions} fact questions)", err=True)
    return EXIT_OK


@cli.command(name="import")
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option(
    "--form", "form", type=click.Path(path_type=Path), required=True, help="The XLSForm the data was collected with."
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The folder to write the profiles to."
)
def import_(submissions: Path, form: Path, output: Path) -> int:
    """Turn a KoboToolbox or ODK Central export (CSV or JSON) into one profile per submission.

    Nothing is written unless every submission converts; a profile of the same
    name in the folder is replaced.
    """
    from assess.files import write_atomic
    from assess.forms.submissions import import_submissions

    imported = import_submissions(submissions, form)
    if output.exists() and not output.is_dir():
        raise InputError.at(str(output), "is not a folder")
    output.mkdir(parents=True, exist_ok=True)
    for item in imported:
        write_atomic(output / item.name, item.text)
        click.echo(f"wrote {output / item.name}", err=True)
    click.echo(f"{len(imported)} profile(s) written to {output}", err=True)
    return EXIT_OK


class Terminated(BaseException):
    """SIGTERM, raised as an exception so that clean-up (temporary files) runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def install_signal_handlers() -> None:
    """Turn SIGTERM into an exception: an interrupted run leaves any existing
    output as it was and no temporary file behind (SIGINT already raises)."""
    signal.signal(signal.SIGTERM, _on_sigterm)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the CLI and turn every outcome into an exit status."""
    install_signal_handlers()
    # Before the command line is read, so that its errors are in the language too;
    # --lang, where a command has it, sets it again.
    env_lang = os.environ.get("ASSESS_LANG", "en")
    set_language(env_lang if env_lang in LANGUAGES else "en")
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="assess", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_("Aborted."), err=True)
        code = 130
    except click.ClickException as e:
        e.show()
        code = EXIT_INPUT
    except InputError as e:
        _print_problems(e.problems)
        code = EXIT_INPUT
    except UsageError as e:
        click.echo(_("error: {problem}").format(problem=e), err=True)
        code = EXIT_INPUT
    except KeyboardInterrupt:
        click.echo(_("Interrupted."), err=True)
        code = 130
    except Terminated:
        click.echo(_("Terminated."), err=True)
        code = 143
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as e:  # anything else is our bug, not the user's
        if os.environ.get("ASSESS_DEBUG"):
            raise
        click.echo(
            _("internal error: {kind}: {error}").format(kind=type(e).__name__, error=e)
            + "\n"
            + _(
                "This is a bug in assess; please report it with the command you ran "
                "(set ASSESS_DEBUG=1 for a traceback)."
            ),
            err=True,
        )
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_OK)
