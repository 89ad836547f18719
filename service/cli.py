"""The ``yichuang`` command line: thin wrappers over library functions."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer
from typer.exceptions import Abort, Exit, TyperException
from yichuang.service.output import emit_json, say, stderr, stdout

from yichuang.errors import YichuangError
from yichuang.privacy import mask_text

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="一窗 Yichuang: document capture, OCR and material pre-check for service windows.")

@app.callback()
def _root() -> None:
    """一窗 Yichuang: document capture, OCR and material pre-check for service windows."""


JsonOpt = Annotated[bool, typer.Option("--json", help="print exactly one JSON document on stdout")]


def _progress():
    """A rich progress line on stderr for inputs of more than a few pages."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]OCR[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=stderr, transient=True, disable=not stderr.is_terminal)


@app.command()
def ocr(
    paths: Annotated[list[str], typer.Argument(help="images, PDFs or folders (read recursively, in name order)")],
    json_out: JsonOpt = False,
    engine: Annotated[str, typer.Option(help="OCR engine: ppocr (default) or paddleocr")] = "",
    unmask: Annotated[bool, typer.Option(help="show ID and phone numbers unmasked in the listing")] = False,
) -> int:
    """Print the recognised lines of every page, in reading order."""
    from yichuang.pipeline import open_runtime, read_files

    runtime = open_runtime(engine_name=engine or None)
    with _progress() as bar:
        task = bar.add_task("ocr", total=None)
        result = read_files(paths, runtime, progress=lambda s, n, t: bar.advance(task))
    for note in result.notes:
        say(f"note: {note}")
    for err in result.errors:
        say(f"error: {err.source}: {err.message}")
    if json_out:
        doc: dict = {"schema": "yichuang.ocr/1",
                     "pages": [p.model_dump(include={"source", "page", "engine", "lines", "width", "height",
                                                     "rotation", "page_id", "quality"}) for p in result.pages]}
        if result.errors:
            doc["errors"] = [e.model_dump() for e in result.errors]
            doc["error"] = {"code": result.errors[0].code,
                            "message": f"{result.errors[0].source}: {result.errors[0].message}"}
        emit_json(doc)
    else:
        for page in result.pages:
            rot = f", turned {page.rotation}°" if page.rotation else ""
            stdout.print(f"── {page.source} · page {page.page} · {page.engine}{rot} ──", markup=False)
            for line in page.lines:
                text = line.text if unmask else mask_text(line.text)
                stdout.print(f"{line.confidence:4.2f}  {text}", markup=False)
    return 2 if result.errors else 0


@app.command()
def validate(
    kind: Annotated[str, typer.Argument(help="id_number | credit_code | phone | date")],
    values: Annotated[list[str], typer.Argument(help="values to check")],
    json_out: JsonOpt = False,
) -> int:
    """Check identifiers against their public standards (GB 11643, GB 32100, …)."""
    from yichuang.extractors.validators import VALIDATORS

    from yichuang.errors import UsageError
    from yichuang.labels import say
    from yichuang.types import Reason

    if kind not in VALIDATORS:
        raise UsageError(f"unknown kind '{kind}': use one of {', '.join(VALIDATORS)}")
    results = [VALIDATORS[kind](v) for v in values]
    if json_out:
        emit_json({"schema": "yichuang.validate/1", "results": [r.to_dict() for r in results]})
    else:
        for r in results:
            mark = "valid  " if r.valid else "INVALID"
            shown = mask_text(r.normalised)
            why = say(Reason.of(r.code, **r.params)) if r.code else ""  # the label table's words
            stdout.print(f"{mark}  {shown}" + (f"  ({why})" if why else ""), markup=False)
    return 0


rulesets_app = typer.Typer(help="Lint the rulesets (material catalog, matters, bundles).", no_args_is_help=True)
app.add_typer(rulesets_app, name="rulesets")


@rulesets_app.command("check")
def rulesets_check(
    directory: Annotated[str, typer.Argument(help="rulesets folder (default: the shipped one)")] = "",
) -> int:
    """Load every ruleset and check every cross-reference; errors name the file and line."""
    from pathlib import Path

    from yichuang.rulesets import check_dir

    checked = check_dir(Path(directory) if directory else None)  # every file of the folder, one loader
    rules, calendar = checked.rules, checked.calendar
    years = ", ".join(str(y) for y in sorted(calendar.years)) if calendar else "none"
    stdout.print(f"ok: {len(rules.catalog.materials)} materials, {len(rules.matters)} matters "
                 f"({', '.join(rules.matters)}), {len(rules.bundles)} bundles ({', '.join(rules.bundles)}), "
                 f"holiday calendar {years}", markup=False)
    return 0


def _parse_facts(facts: list[str]) -> dict[str, str]:
    from yichuang.errors import UsageError

    out = {}
    for fact in facts:
        key, sep, value = fact.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--fact '{fact}' should be KEY=VALUE, e.g. --fact agent=true")
        out[key.strip()] = value.strip()
    return out


def _parse_date(value: str | None):
    from datetime import date

    from yichuang.errors import UsageError

    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--as-of '{value}' is not a date: write YYYY-MM-DD, e.g. 2026-11-22") from exc


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="the case's captures: images, PDFs, folders")],
    matter: Annotated[list[str], typer.Option("--matter", "-m", help="matter or bundle id (repeatable)")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="check date YYYY-MM-DD (default today)")] = None,
    fact: Annotated[list[str] | None, typer.Option("--fact", help="what the documents don't show: KEY=VALUE")] = None,
    json_out: JsonOpt = False,
    notice: Annotated[str | None, typer.Option("--notice", help="write the 一次性告知书 to this .html or .pdf")] = None,
    engine: Annotated[str, typer.Option(help="OCR engine")] = "",
    accept: Annotated[bool, typer.Option("--accept", help="the clerk accepts the case: record it and archive its "
                                                          "verified materials for reuse (材料复用)")] = False,
    no_reuse: Annotated[bool, typer.Option("--no-reuse", help="do not reuse archived materials")] = False,
) -> int:
    """Check a case against its matters: present, missing, tolerated, invalid, inconsistent, reused."""
    from pathlib import Path

    from yichuang.checkers.rules import load_rulesets
    from yichuang.service.followup import check_files

    from yichuang.config import load_settings
    from yichuang.pipeline import open_runtime

    rules = load_rulesets()
    rules.resolve(matter)  # unknown matter → exit 2 before any OCR
    facts = _parse_facts(fact or [])
    day = _parse_date(as_of)
    settings = load_settings()
    runtime = open_runtime(settings, engine_name=engine or None)
    with _progress() as bar:
        task = bar.add_task("ocr", total=None)
        result, _case_id, note = check_files(paths, matter, runtime, rules, day, facts, settings.database_url,
                                             progress=lambda s, n, t: bar.advance(task), reuse=not no_reuse,
                                             accept_case=accept)
    for err in result.errors:
        say(f"error: {err.source}: {err.message}")
    if note:
        say(note)
    if notice:
        from yichuang.checkers.notice import notice_html, notice_pdf

        out = Path(notice)
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".pdf":
            out.write_bytes(notice_pdf(result))
        else:
            out.write_text(notice_html(result), encoding="utf-8")
        say(f"notice written to {out}")
    if json_out:
        doc = result.to_json_dict()
        if result.errors:
            doc["error"] = {"code": result.errors[0].code,
                            "message": f"{result.errors[0].source}: {result.errors[0].message}"}
        emit_json(doc)
    else:
        from yichuang.service.render import print_check

        print_check(result)
    return 2 if result.errors else 0


@app.command()
def followup(
    due_within: Annotated[int | None, typer.Option("--due-within", help="only cases due within N working days "
                                                                       "(overdue and due today included)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="count from this day YYYY-MM-DD (default today)")] = None,
    json_out: JsonOpt = False,
) -> int:
    """容缺 follow-up: open tolerance cases by working days left (overdue, due today), with the missing items."""
    from yichuang.service.followup import due_json, due_list
    from yichuang.service.render import print_followup
    from yichuang.storage.archive import FollowupStore

    from yichuang.config import load_settings

    day = _parse_date(as_of)
    items = due_list(FollowupStore(load_settings().database_url), day, due_within)
    if json_out:
        emit_json(due_json(items, day, due_within))
    else:
        print_followup(items, day)
    return 0


@app.command()
def supplement(
    case_id: Annotated[str, typer.Argument(help="the case (printed by `yichuang check --accept`)")],
    paths: Annotated[list[str], typer.Argument(help="the missing materials: images, PDFs, folders")],
    received_on: Annotated[str | None, typer.Option("--received-on", help="day received YYYY-MM-DD (default "
                                                                            "today)")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="accept the case again: archive what is now verified")] = False,
    json_out: JsonOpt = False,
) -> int:
    """补交: add materials to an open case; it is re-checked (a supplement after the deadline is marked late)."""
    from yichuang.ingest import expand_paths
    from yichuang.service import followup as fu
    from yichuang.service import jobs

    from yichuang.errors import InputError

    day = _parse_date(received_on)
    ctx = jobs.context()
    ctx.cases.get(case_id)  # unknown case → exit 2 before anything is stored
    files, missing, _skipped = expand_paths(paths)
    if missing:
        src, err = missing[0]
        raise InputError(f"{src}: {err.message}")
    store = fu.FollowupStore(ctx.settings.database_url)
    fu.supplement(ctx.cases, store, ctx.runtime, case_id, [(str(p), p.read_bytes()) for p in files], day, "cli")
    jobs.run_case(case_id)
    if accept:
        ids = fu.accept(store, ctx.cases, ctx.rules, case_id, "cli")
        ctx.cases.audit(case_id, "cli", "case_accepted", {"archived": len(ids)})
    result = ctx.cases.latest_result(case_id)
    if result is None:
        raise YichuangError(f"case {case_id} has no check result after its check")
    if json_out:
        emit_json(result.to_json_dict())
    else:
        from yichuang.service.render import print_check

        print_check(result)
    return 0


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
) -> int:
    """Start the web application and the HTTP API (OpenAPI at /openapi.json)."""
    import uvicorn
    from yichuang.service.security import limit_malloc_arenas

    limit_malloc_arenas()  # decoded pages on many threads: keep the peak memory down
    say(f"yichuang: serving on http://{host}:{port} (API schema at /openapi.json)")
    uvicorn.run("yichuang.service.web:app", host=host, port=port, log_level="warning")
    return 0


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="parallel page tasks in this worker")] = 1,
    loglevel: Annotated[str, typer.Option(help="celery log level")] = "warning",
) -> int:
    """Start a Celery worker on YICHUANG_BROKER_URL (redis://host:port/0)."""
    from yichuang.config import load_settings
    from yichuang.errors import UsageError

    if not load_settings().broker_url:
        raise UsageError("yichuang worker needs YICHUANG_BROKER_URL (e.g. redis://127.0.0.1:6379/0); "
                         "without a broker, checks run inside `yichuang serve`")
    from yichuang.service.tasks import app as celery_app

    celery_app.worker_main(["worker", f"--concurrency={concurrency}", f"--loglevel={loglevel}",
                            "--without-gossip", "--without-mingle", "-n", "yichuang@%h-%i"])
    return 0


user_app = typer.Typer(help="Staff accounts for the web pages (clerks and reviewers).", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="login name")],
    role: Annotated[str, typer.Option(help="clerk (综窗人员) or reviewer (后台审核人员)")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="read the password from stdin")] = False,
) -> int:
    """Create a staff account, or set its role and password (argon2-hashed)."""
    from yichuang.storage.accounts import AccountStore

    from yichuang.config import load_settings

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    AccountStore(load_settings().database_url).add_user(name, role, password)
    say(f"user {name} saved with role {role} (any session of theirs has ended)")
    return 0


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(help="login name")]) -> int:
    """Stop an account from signing in; its sessions end at once (audited)."""
    from yichuang.storage.accounts import AccountStore

    from yichuang.config import load_settings

    AccountStore(load_settings().database_url).set_disabled(name, True)
    say(f"user {name} disabled")
    return 0


@user_app.command("enable")
def user_enable(name: Annotated[str, typer.Argument(help="login name")]) -> int:
    """Let a disabled (or locked-out) account sign in again (audited)."""
    from yichuang.storage.accounts import AccountStore

    from yichuang.config import load_settings

    AccountStore(load_settings().database_url).set_disabled(name, False)
    say(f"user {name} enabled")
    return 0


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="login name")]) -> int:
    """Delete an account and its sessions; what it did stays in the audit trail (audited)."""
    from yichuang.storage.accounts import AccountStore

    from yichuang.config import load_settings

    AccountStore(load_settings().database_url).remove_user(name)
    say(f"user {name} removed")
    return 0


@user_app.command("list")
def user_list(json_out: JsonOpt = False) -> int:
    """Staff accounts: name, role, disabled, locked until."""
    from yichuang.storage.accounts import AccountStore

    from yichuang.config import load_settings

    users = AccountStore(load_settings().database_url).users()
    if json_out:
        emit_json({"schema": "yichuang.users/1", "users": [u.model_dump() for u in users]})
    else:
        for u in users:
            state = "disabled" if u.disabled else (f"locked until {u.locked_until}" if u.locked_until else "")
            stdout.print(f"{u.name}\t{u.role}\t{state}".rstrip(), markup=False)
    return 0


def _wants_json(argv: list[str]) -> bool:
    return "--json" in argv


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        code = app(args=argv, prog_name="yichuang", standalone_mode=False)
    except TyperException as exc:  # usage errors: missing argument, unknown option, …
        message = exc.format_message()
        if type(exc).__name__ == "NoArgsIsHelpError":
            say(message)
        else:
            say(f"error: {message} (see `yichuang --help`)")
        if _wants_json(argv):
            emit_json({"error": {"code": "bad_usage", "message": message}})
        code = 2
    except Exit as exc:
        code = exc.exit_code
    except Abort:
        say("aborted")
        code = 130
    except YichuangError as exc:
        say(f"error: {exc.message}")
        if _wants_json(argv):
            emit_json({"error": exc.to_dict()})
        code = exc.exit_code
    except KeyboardInterrupt:
        say("interrupted; nothing stored was lost")
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        logging.getLogger("yichuang").debug("internal error", exc_info=True)
        say(f"internal error ({exc.__class__.__name__}): please report it with the command you ran; "
            "set YICHUANG_DEBUG=1 to see details")
        if _wants_json(argv):
            emit_json({"error": {"code": "internal", "message": exc.__class__.__name__}})
        if __import__("os").environ.get("YICHUANG_DEBUG"):
            raise
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
