"""`dpg check PATH_OR_GIT_URL`: the command line of the repository check (it needs no database)."""

import argparse
import sys

from dpg_registry.checks import formats, run, standard
from dpg_registry.checks.errors import CheckError
from dpg_registry.checks.model import Confidence, Status

EXIT_OK, EXIT_NOT_MET, EXIT_CANNOT_RUN = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    # The parser makes a formatter to check each option it is given. Told a width, that one does not ask shutil for
    # the terminal's, which would import shutil with bz2 and lzma (a check writes no help); help gets argparse's own.
    parse = argparse.ArgumentParser(
        prog="dpg check",
        description="Assess a repository against the DPG Standard, offline, without running any of its code.",
        epilog="Exit status: 0 every indicator met or left to a person, 1 an indicator not met with at least "
        "the --fail-on confidence, 2 the check could not run.",
        formatter_class=lambda prog: argparse.HelpFormatter(prog, width=80),
    )
    parse.add_argument("target", metavar="PATH_OR_GIT_URL", help="a folder, or a git URL to clone shallowly")
    parse.add_argument("--category", choices=standard.CATEGORIES, default="software")
    parse.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    parse.add_argument("--fail-on", choices=[c.value for c in Confidence], default=Confidence.LOW.value,
                       help="the least confidence of a 'not met' finding that makes the exit status 1 (default: low)")
    parse.formatter_class = argparse.HelpFormatter
    return parse


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    try:
        if options.format == "text" and sys.stderr.isatty():
            # rich is imported only for people: machines reading JSON or SARIF do not wait for it.
            from rich.console import Console
            from rich.progress import Progress

            with Progress(console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("checking", total=len(run.DETECTORS))
                report = run.run_check(options.target, category=options.category,
                                       progress=lambda name: bar.update(task, advance=1, description=name))
        else:
            report = run.run_check(options.target, category=options.category)
    except CheckError as error:
        sys.stderr.write(f"dpg check: {error}\n")
        return EXIT_CANNOT_RUN
    if options.format == "json":
        sys.stdout.write(formats.as_json(report) + "\n")
    elif options.format == "sarif":
        sys.stdout.write(formats.as_sarif(report) + "\n")
    else:
        formats.as_text(report)
    threshold = Confidence(options.fail_on).rank
    failed = [
        f for f in report.indicators.values()
        if f.status == Status.NOT_MET and Confidence(f.confidence).rank >= threshold
    ]
    return EXIT_NOT_MET if failed else EXIT_OK
