"""The `kg` command line: a thin adapter over the kg library.

Each command parses options, calls one library function and prints. Library errors (KGError)
become one-line messages with exit code 1; bad arguments exit with code 2.
"""

import functools
import json
import os
import sys

import click

from kg import settings
from kg.errors import KGError, QueryError
from kg.export import EXPORT_FORMATS


def _env(name):
    return os.environ.get(f"KG_{name.upper()}", settings.default(name))


def store_option(command):
    return click.option("--store", default=lambda: _env("store"), show_default=settings.default("store"),
                        help=settings.SETTINGS["store"][1])(command)


def model_options(command):
    command = click.option("--model", default=lambda: _env("model"), show_default=settings.default("model"),
                           help=settings.SETTINGS["model"][1])(command)
    return click.option("--ontology", default=lambda: _env("ontology"), type=click.Path(file_okay=False),
                        help=settings.SETTINGS["ontology"][1])(command)


def format_option(choices, default="table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="output format")


def filter_options(command):
    for name, help_text in (("until", "only events up to this date (YYYY-MM-DD)"),
                            ("since", "only events from this date (YYYY-MM-DD)"),
                            ("operation", "only events of this operation (any label)"),
                            ("group", "only this group and its sub-organisations (any label or alias)"),
                            ("place", "only this place and the places within it (any label or alias)")):
        command = click.option(f"--{name}", default=None, help=help_text)(command)
    return command


def reports_errors(command):
    """Turn library errors into click errors: one line on stderr, exit code 1 (2 for syntax)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QueryError as error:
            where = f" (line {error.line}, column {error.column})" if error.line else ""
            raise click.UsageError(f"{error}{where}") from error
        except KGError as error:
            raise click.ClickException(str(error)) from error
    return wrapper


def open_store(location, read_only=False):
    from kg.store import open_store as _open

    return _open(location, read_only=read_only)


@click.group()
@click.version_option(package_name="kg-armed-actors")
def main():
    """Build a sourced knowledge graph of armed actors from news articles, and query it."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@model_options
@click.option("--force", is_flag=True, help="re-extract articles even when unchanged")
@click.option("--strict", is_flag=True, help="stop at the first bad input, writing nothing")
@click.option("--quiet", is_flag=True, help="no progress bar or summary")
@click.option("--jobs", type=click.IntRange(min=1), default=settings.default("jobs"), show_default=True,
              help="extraction processes (each loads the model once)")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="extract on this Dask distributed cluster instead (needs the cluster extra)")
@reports_errors
def build(paths, store, model, ontology, force, strict, quiet, jobs, scheduler):
    """Extract articles (files or directories) and load them into the store."""
    from kg.articles import count_articles
    from kg.build import build as run_build
    from kg.progress import progress_bar

    target = open_store(store)
    try:
        with progress_bar(enabled=not quiet, total=lambda: count_articles(paths)) as tick:
            report = run_build(paths, target, model=model, ontology=ontology, force=force, strict=strict, progress=tick,
                               jobs=jobs, scheduler=scheduler)
    finally:
        target.close()   # before sys.exit, whose exception would keep the store (and its lock) alive
    for problem in report.problems:
        click.echo(f"{'skipped' if problem.skipped else 'warning'}: {problem}", err=True)
    if not quiet or report.skipped:
        click.echo(f"built {len(report.built)}, unchanged {len(report.unchanged)}, skipped {len(report.skipped)} -> {store}", err=True)
    sys.exit(1 if report.skipped else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@model_options
@reports_errors
def extract(paths, model, ontology):
    """Print extracted records as JSON Lines, without touching any store."""
    from kg.articles import Problem, read_articles
    from kg.extract import extract_articles

    articles = []
    for item in read_articles(paths):
        if isinstance(item, Problem):
            click.echo(f"{'skipped' if item.skipped else 'warning'}: {item}", err=True)
        else:
            articles.append(item)
    for record in extract_articles(articles, model=model, ontology=ontology):
        click.echo(json.dumps(record, ensure_ascii=False))


@main.command()
@click.argument("sparql", default="-")
@store_option
@format_option(["table", "csv", "tsv", "json", "turtle", "trig", "nquads", "jsonld"])
@reports_errors
def query(sparql, store, fmt):
    """Run SPARQL (a query string, a .rq file, or - for standard input) over the store."""
    from kg.querying import read_query, run_query

    click.echo(run_query(open_store(store, read_only=True), read_query(sparql), fmt))


@main.command()
@click.argument("question", required=False)
@click.argument("name", required=False)
@click.option("--list", "list_questions", is_flag=True, help="list the canned questions and the filters each takes")
@store_option
@filter_options
@format_option(["table", "csv", "tsv", "json"])
@reports_errors
def ask(question, name, list_questions, store, fmt, **filters):
    """Answer a canned question (fought-where, actors, events, actor NAME, ...) from the store."""
    from kg.questions import ask as run, list_questions as listing, question_parameters, render_answer

    if list_questions or not question:
        for key, summary in listing().items():
            click.echo(f"{key:13} {summary} [{' '.join('--' + p for p in question_parameters(key)[0])}]")
        return
    columns, rows = run(open_store(store, read_only=True), question, subject=name, **filters)
    click.echo(render_answer(question, columns, rows, fmt))


@main.command()
@store_option
@click.option("--out", default="out/network.html", show_default=True, type=click.Path(dir_okay=False),
              help="HTML file to write")
@click.option("--kind", type=click.Choice(["actor-place", "actors", "full"]), default="actor-place", show_default=True,
              help="which network to draw: who fought where, actors and their relations, or everything")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="keep only the N most connected nodes (the page and stderr say what was left out)")
@filter_options
@reports_errors
def view(store, out, kind, max_nodes, **filters):
    """Write the interactive network as one self-contained HTML file."""
    from kg.network import build_network, heading_for, most_connected
    from kg.view import write_html

    graph = build_network(open_store(store, read_only=True), kind, **filters)
    graph, notice = most_connected(graph, max_nodes)
    if notice:
        click.echo(notice, err=True)
    path = write_html(graph, out, heading=heading_for(kind, **filters))
    click.echo(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@main.command()
@store_option
@reports_errors
def stats(store):
    """Print counts of articles, actors, places, events and triples."""
    from kg.stats import store_stats

    for name, count in store_stats(open_store(store, read_only=True)).items():
        click.echo(f"{name:18} {count}")


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True))
@store_option
@format_option(["table", "json"])
@reports_errors
def evaluate(gold_dir, store, fmt):
    """Score fought-where pairs, groups and relations against gold annotations."""
    from kg.evaluate import evaluate as run

    report = run(open_store(store, read_only=True), gold_dir)
    if fmt == "json":
        click.echo(json.dumps(report, indent=1))
        return
    click.echo(f"articles      {report['articles']}")
    for key in ("fought_where", "opposed", "allied"):
        s = report[key]
        click.echo(f"{key:13} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    click.echo(f"group recall  {report['group_recall']:.3f}")
    for label, items in (("missed", report["missed_pairs"]), ("extra", report["extra_pairs"])):
        for group, place in items:
            click.echo(f"  {label}: {group} @ {place}")
    for name in report["missed_groups"]:
        click.echo(f"  missed group: {name}")


@main.command()
@store_option
@reports_errors
def validate(store):
    """Check the store against the SHACL shapes; print each violation with its article and sentence."""
    from kg.validate import validate_store

    report = validate_store(open_store(store, read_only=True))
    if report.conforms:
        click.echo("conforms")
        return
    for violation in report.violations:
        click.echo(f"{violation.article or '(reference)'}: {violation}")
        if violation.sentence:
            click.echo(f"    \"{' '.join(violation.sentence.split())}\"")
    count = len(report.violations)
    click.echo(f"{count} violation{'' if count == 1 else 's'}", err=True)
    sys.exit(1)

@main.command()
@click.argument("article_id")
@store_option
@reports_errors
def remove(article_id, store):
    """Drop one article's named graph (and its content hash) from the store."""
    from kg.build import remove as remove_article

    graph = remove_article(open_store(store), article_id)
    click.echo(f"removed {article_id} ({graph}) from {store}")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (loopback unless told otherwise)")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="TCP port")
@click.option("--timeout", default=lambda: _env("query_timeout"), show_default=settings.default("query_timeout"),
              type=click.IntRange(min=1), help="seconds a query may run")
@click.option("--view", default="out/network.html", show_default=True,
              help="write the network view here before serving ('' for none)")
@reports_errors
def serve(store, host, port, timeout, view):
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page."""
    from kg.serve import LOOPBACK, endpoint_urls, server_command, serve as run, write_view

    argv = server_command(store, host, port, timeout)
    pages = {**endpoint_urls(host, port), **({"network view": write_view(store, view)} if view else {})}
    for name, where in pages.items():
        click.echo(f"{name:15} {where}")
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: other machines can query this graph", err=True)
    run(argv, store)


@main.command()
@store_option
@format_option(EXPORT_FORMATS, default="trig")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="file to write")
@click.option("--kind", type=click.Choice(["actor-place", "actors"]), default="actor-place", show_default=True,
              help="which network, for graphml and gexf")
@filter_options
@reports_errors
def export(store, fmt, out, kind, **filters):
    """Write the RDF, a network (Gephi), a GeoJSON layer or an ACLED-style CSV to a file."""
    from kg.export import write_export

    summary = write_export(open_store(store, read_only=True), fmt, out, kind=kind, **filters)
    click.echo(f"wrote {out} ({summary})")


if __name__ == "__main__":
    main()
