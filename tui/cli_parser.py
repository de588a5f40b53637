"""The ``textaudit`` command line's parser: commands, options and their help (tui/cli.py runs them)."""

from __future__ import annotations

import argparse
import os
import re

from engine.errors import UsageError
from engine.formats import EXPORT_FORMATS


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with textaudit's exit code."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        import sys

        self._argv = list(sys.argv[1:] if args is None else args)  # for error(): the options it did not know
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("the following arguments are required") and (unknown := self._unknown_options()):
            # 'textaudit -x' said only 'COMMAND required': argparse checks what is missing before what it
            # did not know, so the typo the user made was never named
            message = f"unrecognized arguments: {' '.join(unknown)}; {message}"
        if (named := next((t for t in self._dash_tokens() if os.path.lexists(t)), None)) is not None:
            # 'export -data.csv -o ...': a file whose name starts with '-' read as an unknown option, or as a
            # short one and its value ('-out.csv': -o ut.csv, review30)
            message += f"; a file named {named} is here: give it as ./{named}"
        if (option := _ONE_ARGUMENT.fullmatch(message)) is not None:  # '--text-column -x': a value after '='
            message += (f"; a value that starts with '-' goes after '=': {option[1]}=-..."
                        + (" (e.g. --label-names=-1=neg,0=neutral,1=pos)" if option[1] == "--label-names" else ""))
        raise UsageError(f"{message} (see {self._command_prog()} --help)")

    def _command_prog(self) -> str:
        """The command's own name where the line named one ('textaudit demo'): the top parser reports what
        no parser knew, and 'demo --bogus' said 'see textaudit --help' (review34)."""
        commands = next((a.choices for a in self._actions if isinstance(a, argparse._SubParsersAction)), {})
        command = next((token for token in getattr(self, "_argv", []) if token in commands), None)
        return commands[command].prog if command is not None else self.prog

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        return super().parse_args(glue_negative_labels(args), namespace)

    def _dash_tokens(self) -> list[str]:
        """The tokens of the command line just parsed that start with '-' (not '-' itself), up to '--'."""
        tokens = getattr(self, "_argv", [])
        tokens = tokens[:tokens.index("--")] if "--" in tokens else tokens
        return [token for token in tokens if token.startswith("-") and token != "-"]

    def _unknown_options(self) -> list[str]:
        """The tokens of the command line just parsed that look like options this parser does not have."""
        known = self._option_string_actions
        unknown = []
        for token in getattr(self, "_argv", []):
            if token == "--":
                break  # what follows is positional
            if not token.startswith("-") or token == "-" or _NEGATIVE_NUMBER.fullmatch(token):
                continue
            name = token.split("=", 1)[0]
            if name in known or (not name.startswith("--") and name[:2] in known):  # -ofixed.csv
                continue
            if name.startswith("--") and self.allow_abbrev and any(o.startswith(name) for o in known):
                continue  # an abbreviation argparse takes (or says is ambiguous)
            unknown.append(token)
        return unknown


_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(\.[0-9]*)?|-\.[0-9]+")
_ONE_ARGUMENT = re.compile(r"argument (--[a-z-]+): expected one argument")
#: A --label-names value naming a negative label first ('-1=neg,0=neutral,1=pos'): argparse takes a
#: token that starts with '-' and is no negative number for an option, and said 'expected one argument'.
_NEGATIVE_LABEL = re.compile(r"-[0-9]+=.*")


def glue_negative_labels(argv: list[str] | None) -> list[str] | None:
    """``--label-names -1=neg,...`` as ``--label-names=-1=neg,...`` (no option looks like '-1=')."""
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    for i in range(len(argv) - 2, -1, -1):
        if argv[i] == "--label-names" and _NEGATIVE_LABEL.fullmatch(argv[i + 1]):
            argv[i:i + 2] = [f"--label-names={argv[i + 1]}"]
    return argv


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's default in its help, unless the help already says it or there is none; an epilog's
    indented lines (a command's examples) kept as written, not run together into one paragraph."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n  " not in text:
            return super()._fill_text(text, width, indent)
        head, _, examples = text.partition("\n  ")
        return super()._fill_text(head, width, indent) + "\n" + indent + "  " + examples

    def _get_help_string(self, action: argparse.Action) -> str | None:
        help_text = action.help or ""
        if "(default" in help_text or action.default in (None, False, argparse.SUPPRESS) or action.required:
            return help_text
        return super()._get_help_string(action)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("textaudit")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", help="CSV/TSV/JSONL/JSON/Parquet file, saved datasets folder, or hf:NAME[:SPLIT]")
    parser.add_argument("--text-column", default=None, metavar="C",
                        help="text column (default: text, else the one column named like a text: "
                             "sentence, content, review, ...); A+B joins several (e.g. title+description)")
    parser.add_argument("--label-column", default=None, metavar="C",
                        help="label column (default: label, else the one column named like a label: "
                             "category, class, intent, topic, ...; a guess is said on stderr)")
    parser.add_argument("--id-column", default=None, metavar="C", help="optional id column")
    parser.add_argument("--encoding", default="utf-8", help="text encoding of CSV/JSON files (default: utf-8)")
    parser.add_argument("--label-sep", default=None, metavar="SEP",
                        help="multi-label: the label column holds label sets joined by SEP (CSV/TSV); "
                             "a column of lists (JSONL/JSON/Parquet) is detected by itself")


#: engine.audit.ISSUE_TYPES, spelled out here: the parser loads nothing heavy (engine.audit imports pandas);
#: tests/test_cli_help_words.py holds the two equal.
ISSUE_TYPE_NAMES = ("null", "label", "outlier", "near_duplicate", "non_iid", "class_imbalance", "underperforming_group")
_CACHE_DIR_HELP = ("cache folder (default: $TEXTAUDIT_CACHE_DIR where set, else the user cache dir: "
                   "~/.cache/textaudit on Linux)")


def _add_audit_options(parser: argparse.ArgumentParser) -> None:
    _add_data_options(parser)
    parser.add_argument("--model", default=None, metavar="M",
                        help="sentence-transformers name or path; 'tfidf' for no torch (default: bundled all-MiniLM-L6-v2); "
                             "a hub name not downloaded earlier needs the hub (exit 1 without it, as hf:NAME)")
    parser.add_argument("--device", default="auto", metavar="D", help="auto, cpu, cuda, cuda:N or mps (default: auto)")
    parser.add_argument("--precision", default="auto", choices=("auto", "fp32", "bf16", "fp16", "int8"),
                        help="embedding arithmetic: auto = bf16 on CPUs with native bf16, fp16 on CUDA, else fp32 "
                             "(fp32 reproduces the plain sentence-transformers vectors exactly); int8 (CPU, "
                             "bundled-style BERT models) is opt-in: faster, but moves near-duplicate pairs that "
                             "sit at the threshold")
    parser.add_argument("--second-view", default="auto", choices=("auto", "tfidf", "none"),
                        help="pool the model's out-of-fold pred_probs with a TF-IDF view's (its own vectors, graph "
                             "and folds; weight fitted by log-loss): better label issues, ~25%% more time "
                             "(default: auto = tfidf up to 300,000 rows; none: the model's alone; off with "
                             "--model tfidf)")
    parser.add_argument("--folds", type=int, default=5, metavar="K", help="cross-validation folds (default: 5)")
    parser.add_argument("--issue-types", default=None, metavar="T,...",
                        help=f"comma-separated issue types, any of {', '.join(ISSUE_TYPE_NAMES)} (default: all seven)")
    parser.add_argument("--pred-probs", default=None, metavar="F", help=".npy of your own out-of-sample pred_probs")
    parser.add_argument("--features", default=None, metavar="F", help=".npy of your own embeddings")
    parser.add_argument("--no-cache", action="store_true", help="recompute everything and write nothing to the cache")
    parser.add_argument("--cache-dir", default=None, metavar="DIR", help=_CACHE_DIR_HELP)
    parser.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                        help="embed, search neighbours and cross-validate on Ray: alone, a local Ray instance; "
                             "'auto' or host:port joins a running cluster (needs: pip install 'textaudit[ray]')")
    parser.add_argument("--ray-cpus", type=int, default=None, metavar="N",
                        help="CPUs of the local Ray instance --ray starts (default: the machine's)")


_LABEL_NAMES_FORMS = ("World,Sports,... (0, 1, ...), 1=World,2=Sports,..., or a .json (list, label -> name, a "
                      "model's config.json id2label) or .txt (one a line) file")
_LABEL_NAMES_HELP = ("names of integer labels, shown on every screen (the journal and export keep the ints): "
                     + _LABEL_NAMES_FORMS)
_JOURNAL_HELP = "corrections journal (default: <data file stem>.corrections.jsonl in the current folder)"


def _examples(*lines: str) -> str:
    """A command's epilog: the commands a new user can run as written (walk41: only serve's help had one)."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    """The full command-line parser."""
    parser = _Parser(prog="textaudit", description="Find and fix problems in a text-classification dataset.",
                     epilog="Start with 'textaudit demo' (a bundled 258-row dataset); on your own data, "
                            "'textaudit browse data.csv' (its text and label columns found by their names, or named "
                            "with --text-column and --label-column). 'textaudit COMMAND --help' lists a command's options.")
    parser.add_argument("--version", action="version", version=f"textaudit {_version()}",
                        help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    audit = commands.add_parser("audit", help="audit a dataset and print a report",
                                description="Audit a dataset and print a report (headless).",
                                epilog=_examples("textaudit audit data.csv --label-column intent",
                                                 "textaudit audit data.csv --format json --issues-out issues.csv",
                                                 "textaudit audit data.csv --apply-journal data.corrections.jsonl"))
    _add_audit_options(audit)
    audit.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="report format: text for people, json for scripts, markdown for notes")
    audit.add_argument("--issues-out", default=None, metavar="FILE",
                       help="write the per-row issue table (.csv, .tsv, .jsonl, .json or .parquet; never onto an input)")
    audit.add_argument("--apply-journal", default=None, metavar="J",
                       help="audit the dataset with this corrections journal applied (relabels written, excluded "
                            "rows removed; cached vectors reused) and report what changed: issues resolved, "
                            "remaining and new per type (json: 'delta')")
    audit.add_argument("--label-names", default=None, metavar="NAMES",
                       help="names of integer labels, shown in the report; json adds 'label_names' (value -> name), "
                            "--issues-out given_label_name and predicted_label_name (the labels stay the data's "
                            "ints). " + _LABEL_NAMES_FORMS)

    browse = commands.add_parser("browse", help="audit (or reopen) a dataset and browse it in the TUI",
                                 description="Audit (or reopen) a dataset and browse it in the TUI.",
                                 epilog=_examples("textaudit browse data.csv --label-column intent",
                                                  "textaudit browse ag_news.csv --text-column title+description \\\n"
                                                  "      --label-names 1=World,2=Sports,3=Business,4=Sci/Tech"))
    _add_audit_options(browse)
    browse.add_argument("--journal", default=None, metavar="PATH", help=_JOURNAL_HELP)
    browse.add_argument("--label-names", default=None, metavar="NAMES", help=_LABEL_NAMES_HELP)

    demo = commands.add_parser("demo", help="open the TUI on the bundled demo dataset",
                               description="Open the TUI on the bundled demo dataset (258 rows, 7 classes).",
                               epilog=_examples("textaudit demo", "textaudit demo --multilabel"))
    demo.add_argument("--journal", default=None, metavar="PATH",
                      help="corrections journal (default: demo.corrections.jsonl in the current folder)")
    demo.add_argument("--cache-dir", default=None, metavar="DIR", help=_CACHE_DIR_HELP)
    demo.add_argument("--device", default="auto", metavar="D", help="auto, cpu, cuda, cuda:N or mps")
    demo.add_argument("--multilabel", action="store_true",
                      help="the multi-label demo: support tickets with several tags each (journal: "
                           "demo_multilabel.corrections.jsonl)")

    serve = commands.add_parser(
        "serve", help="serve the TUI as a web page (textual-serve)",
        description="Serve the TUI as a web page: one app process per browser tab. Only the URL printed "
                    "at start (it carries a random ?token=) opens it. 'textaudit serve demo' serves the bundled "
                    "demo (as 'textaudit demo' opens it).",
        epilog=_examples("textaudit serve data.csv --label-column intent",
                         "textaudit serve demo --port 8080"))
    _add_audit_options(serve)
    serve.add_argument("--journal", default=None, metavar="PATH", help=_JOURNAL_HELP)
    serve.add_argument("--label-names", default=None, metavar="NAMES", help=_LABEL_NAMES_HELP)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on; 0.0.0.0 offers it to the network (the token still applies)")
    serve.add_argument("--port", type=int, default=8000, help="TCP port to listen on")
    serve.add_argument("--public-url", default=None, metavar="URL",
                       help="the address browsers use, when it is not the listening one (a reverse proxy or "
                            "another host name), e.g. https://example.org/textaudit (default: the page's own address)")
    serve.add_argument("--max-sessions", type=int, default=3, metavar="N",
                       help="most app processes (browser tabs) at once; one more is refused")

    export = commands.add_parser("export", help="write the dataset with the journal's corrections applied",
                                 description="Write the dataset with the journal's corrections applied.",
                                 epilog=_examples("textaudit export data.csv --label-column intent -o fixed.csv",
                                                  "textaudit export data.csv --corrections-only -o changes.csv",
                                                  "textaudit export demo -o fixed.csv"))
    _add_data_options(export)
    export.add_argument("--journal", default=None, metavar="PATH", help=_JOURNAL_HELP)
    export.add_argument("--output", "-o", required=True, metavar="OUT", help="output file, or folder for --format hf")
    export.add_argument("--format", choices=("auto", *EXPORT_FORMATS), default="auto",
                        help="output format; auto picks it from the output's extension")
    export.add_argument("--corrections-only", action="store_true", help="write only the changed rows, before and after")
    export.add_argument("--force", action="store_true",
                        help="replace an existing output (the input data and the journal are never overwritten)")
    return parser
