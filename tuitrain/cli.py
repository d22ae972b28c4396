"""The ``tuitrain`` command: the app, headless ``--batch`` runs, predict, evaluate and list.

``main`` returns an ``ExitCode``. User errors print one translated message on stderr and
never a traceback. The Textual app is imported only when it is opened, so ``--batch`` and
the subcommands run without loading Textual.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from enum import IntEnum
from pathlib import Path

from tuitrain.batch import arguments as parse
from tuitrain.config import RunConfig, load_config
from tuitrain.core import DTYPES, INITIALIZERS, OPTIMIZERS, SCHEDULES, ACTIVATIONS, TuitrainError
from tuitrain.core.errors import DataError
from tuitrain.data import DATASETS, LOSSES
from tuitrain.locales import (
    LANGUAGES, _, describe, detect_language, display_width, get_language, language_code, set_language,
    wrap,
)
from tuitrain.presets import PRESETS, get_preset


class ExitCode(IntEnum):
    """Exit status of ``tuitrain``; ``--help`` lists the same codes."""

    OK = 0
    FAILURE = 1
    """The app could not start, or an unexpected internal error."""
    USAGE = 2
    """Bad option or config value, unknown name, bad model file."""
    DATA = 3
    """The data cannot be read or does not fit the model or the loss."""
    DIVERGED = 4
    """Training diverged: a loss, gradient or weight became NaN or infinite."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (SIGINT) or SIGTERM."""


SUBCOMMANDS = ("predict", "evaluate", "list")
BATCH_ONLY = ("json", "quiet", "plot", "out", "overwrite", "resume")
"""Options that only a ``--batch`` run uses; the app rejects them."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``) and return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_of(argv))
    try:
        command = _subcommand(argv)
        if command is not None:
            argv.remove(command)
            return _run_subcommand(command, argv)
        return _run_main(argv)
    except TuitrainError as error:
        print(_("tuitrain: error: {message}", message=describe(error)), file=sys.stderr)
        return exit_code_of(error)
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (``| head``): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.FAILURE


def exit_code_of(error: TuitrainError) -> ExitCode:
    """Return the exit code of a user error: 3 for data errors, 2 for the rest."""
    return ExitCode.DATA if isinstance(error, DataError) else ExitCode.USAGE


def _language_of(argv: list[str]) -> str:
    """Return the language that ``--lang`` requests, or the one of the locale.

    An invalid value falls back to the locale here and is reported by the full parser.
    """
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and language_code(value):
            return language_code(value)
    return detect_language()


def _parse_language(text: str) -> str:
    """Parse ``--lang``: en or zh, also written as a locale name such as zh_CN."""
    code = language_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            _("invalid choice '{value}': use one of {choices}", value=text, choices=", ".join(LANGUAGES))
        )
    return code


def _subcommand(argv: list[str]) -> str | None:
    """Return the subcommand named by the first argument that is not ``--lang``, if any."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--lang":
            skip = True
            continue
        if arg.startswith("--lang="):
            continue
        return arg if arg in SUBCOMMANDS else None
    return None


# Parsers ----------------------------------------------------------------------------------


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help formatter with a translated "usage:" prefix that wraps by terminal columns.

    argparse wraps help text with textwrap, which counts characters, so Chinese lines,
    whose characters take two columns each, came out wider than the terminal: up to 120
    columns in an 80-column one.
    """

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix=prefix or _("usage: "))

    def _format_usage(self, usage, actions, groups, prefix):
        # Wrap narrower by the columns that a wide prefix takes beyond its length, which
        # _align_usage then adds to the continuation lines.
        shift = display_width(prefix) - len(prefix) if prefix else 0
        self._width -= shift
        try:
            return super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += shift

    def _split_lines(self, text, width):
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        return "\n".join(indent + line for part in text.splitlines() for line in _wrap_line(part, width))


def _align_usage(text: str) -> str:
    """Indent the usage block's continuation lines under its first option.

    argparse indents them by the length of "usage: tuitrain ", in characters, but the
    Chinese prefix "用法：" is 3 characters that take 6 columns. ``_HelpFormatter`` wraps
    the usage 3 columns narrower to leave room for that.
    """
    prefix = _("usage: ")
    shift = display_width(prefix) - len(prefix)
    if not shift or not text.startswith(prefix):
        return text
    head, blank, rest = text.partition("\n\n")
    lines = head.split("\n")
    head = "\n".join([lines[0], *(" " * shift + line if line.strip() else line for line in lines[1:])])
    return head + blank + rest


def _wrap_line(line: str, width: int) -> list[str]:
    """Wrap one line of a description or epilog, keeping its spacing when it fits.

    A longer line keeps its first column, up to the first gap of two spaces (a command and
    its description, say), and its wrapped rest hangs under the second column.
    """
    if display_width(line) <= width:
        return [line]
    gap = re.search(r"\S {2,}(?=\S)", line)
    if gap is None:
        indent = len(line) - len(line.lstrip())
        return [line[:indent] + rest for rest in wrap(line, width - indent)]
    head, column = line[: gap.end()], display_width(line[: gap.end()])
    rest = wrap(line[gap.end():], max(width - column, 20))
    return [head + rest[0], *(" " * column + more for more in rest[1:])]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are translated and exit with ``ExitCode.USAGE``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, formatter_class=_HelpFormatter, add_help=False, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
        self.add_argument(
            "--lang", type=_parse_language, metavar="en|zh",
            help=_("language of messages and help (default: from LC_ALL, LC_MESSAGES or LANG)"),
        )

    def format_help(self) -> str:
        text = _align_usage(super().format_help())
        if get_language() == "zh":
            # argparse ends each section heading with an ASCII colon; Chinese uses "：".
            text = re.sub(r"^(\S.*):$", r"\1：", text, flags=re.MULTILINE)
        return text

    def format_usage(self) -> str:
        return _align_usage(super().format_usage())

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        text = _("{prog}: error: {message}", prog=self.prog, message=_translate_argparse(message))
        hint = _("Run '{prog} --help' to see the options.", prog=self.prog)
        self.exit(ExitCode.USAGE, f"{text}\n{hint}\n")


_ARGPARSE_MESSAGES = [
    (re.compile(r"unrecognized arguments: (?P<args>.*)"),
     lambda m: _("unrecognized arguments: {args}", args=m["args"])),
    (re.compile(r"the following arguments are required: (?P<args>.*)"),
     lambda m: _("the following arguments are required: {args}", args=m["args"])),
    (re.compile(r"argument (?P<option>\S+): expected one argument"),
     lambda m: _("option {option} needs a value", option=m["option"])),
    (re.compile(r"argument (?P<option>\S+): ignored explicit argument (?P<value>.*)"),
     lambda m: _("option {option} takes no value, but got {value}", option=m["option"], value=m["value"])),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
     lambda m: _("ambiguous option {option}: it could be {matches}", option=m["option"], matches=m["matches"])),
    (re.compile(r"argument (?P<option>\S+): (?P<detail>.*)"),
     lambda m: _("{option}: {detail}", option=m["option"], detail=m["detail"])),
]
"""argparse's own English messages (Python 3.11 to 3.13) and their translations."""


def _translate_argparse(message: str) -> str:
    for pattern, translate in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return translate(match)
    return message


def _exit_codes_epilog(training: bool = True) -> str:
    """Return the exit-code list; predict and evaluate train nothing, so they leave 4 out."""
    lines = [
        _("exit codes:"),
        _("  0    success"),
        _("  1    the app could not start, or an internal error"),
        _("  2    usage or configuration error: a bad option, config key or model file"),
        _("  3    data error: the data cannot be read or does not fit the loss or the model"),
    ]
    if training:
        lines += [
            _("  4    training diverged (NaN or infinite loss, gradient or weights)"),
            _("  130  interrupted by Ctrl-C or SIGTERM; the run folder is still written"),
        ]
    else:
        lines.append(_("  130  interrupted by Ctrl-C"))
    return "\n".join(lines)


def _add_missing_option(group, default: str | None = None) -> None:
    """Add --missing, shared by training and by predict and evaluate."""
    group.add_argument("--missing", type=parse.choice(("refuse", "drop", "mean")), metavar="refuse|drop|mean",
                       default=default,
                       help=_("missing values in a CSV file: refuse, drop the rows, or fill in the "
                              "column mean (default: refuse)"))


def build_parser() -> Parser:
    """Return the parser of ``tuitrain [--batch] [options]`` in the current language."""
    reference = PRESETS["reference"]
    parser = Parser(
        prog="tuitrain",
        description=_(
            "Train small neural networks and watch them learn. Without --batch, the options "
            "set the app's first run. With --batch, tuitrain trains headless and writes a run "
            "folder. Settings apply in this order, later ones winning: the preset (default "
            "reference), then --config, then the other options."
        ),
        epilog="\n".join([
            _("subcommands:"),
            _("  tuitrain predict MODEL DATA   print the model's prediction for each sample"),
            _("  tuitrain evaluate MODEL DATA  print the model's loss and metric on labelled data"),
            _("  tuitrain list                 list the presets and the built-in data sets"),
            "",
            _exit_codes_epilog(),
        ]),
    )
    parser.add_argument("--batch", action="store_true",
                        help=_("train without the app, print progress and write a run folder"))
    parser.add_argument("--list", action="store_true", help=_("list the presets and data sets, then exit"))

    run = parser.add_argument_group(_("run options"))
    run.add_argument("--preset", type=parse.choice(PRESETS), metavar="NAME",
                     help=_("start from a preset: {names} (default: reference, the tutorial's Keras "
                            "example)", names=", ".join(PRESETS)))
    run.add_argument("--config", metavar="FILE",
                     help=_("TOML config file, such as the config.toml of a run folder"))
    run.add_argument("--name", help=_("name of the run, used in the run folder's name "
                                      "(default: the preset's or the data's name)"))
    run.add_argument("--resume", metavar="MODEL",
                     help=_("continue training a saved model.npz; --epochs counts all epochs, "
                            "the saved ones included"))

    data = parser.add_argument_group(_("data options"))
    data.add_argument("--data", metavar="NAME|PATH",
                      help=_("a generator or bundled data set ({names}), or a CSV, TSV, NPZ or IDX file",
                             names=", ".join(DATASETS)))
    data.add_argument("--label", metavar="COLUMN",
                      help=_("label column of a CSV file, by name or index (default: the last column)"))
    data.add_argument("--samples", type=parse.count, metavar="N",
                      help=_("samples drawn by a generator (default: the generator's)"))
    data.add_argument("--features", type=parse.count, metavar="N",
                      help=_("features of the reference and blobs generators (default: 20 and 2)"))
    data.add_argument("--classes", type=parse.count, metavar="N",
                      help=_("classes of the spirals and blobs generators (default: 3)"))
    data.add_argument("--noise", type=parse.non_negative, metavar="X",
                      help=_("noise of a generator: a standard deviation, or the share of labels "
                             "flipped for reference (default: the generator's)"))
    data.add_argument("--val-split", type=parse.val_split, metavar="SHARE",
                      help=_("share of samples held out for validation, in [0, 1) (default: 0 for "
                             "reference, 0.2 for the other presets)"))
    data.add_argument("--scale", type=parse.choice(("auto", "standard", "none")), metavar="auto|standard|none",
                      help=_("standard: zero mean and unit variance, fitted on the training part; "
                             "none: raw inputs; auto: none for the reference data, standard for "
                             "any other (default: auto)"))
    _add_missing_option(data)
    data.add_argument("--map-labels", action=argparse.BooleanOptionalAction, default=None,
                      help=_("map two labels such as 1 and 2 to 0 and 1 when --loss is "
                             "binary_crossentropy; with --loss auto the classes are always "
                             "numbered from 0 (default: off)"))

    model = parser.add_argument_group(_("model options"))
    model.add_argument("--layers", type=parse.layers, metavar="UNITS:ACTIVATION,...",
                       help=_("hidden layers, input side first, such as 64:relu,64:relu; a layer "
                              "without an activation uses relu; none for no hidden layer; "
                              "activations: {names} (default: {default})",
                              names=", ".join(ACTIVATIONS),
                              default=parse.format_layers(reference.model.layers)))
    model.add_argument("--output-units", type=parse.count, metavar="N",
                       help=_("units of the output layer (default: from the data)"))
    model.add_argument("--output-activation", type=parse.choice(ACTIVATIONS), metavar="NAME",
                       help=_("activation of the output layer (default: from the data and the loss)"))
    model.add_argument("--loss", type=parse.choice(LOSSES), metavar="NAME",
                       help=_("loss: {names} (default: auto, from the data)", names=", ".join(LOSSES)))
    model.add_argument("--initializer", type=parse.choice(INITIALIZERS), metavar="NAME",
                       help=_("weight initializer: {names} (default: glorot_uniform)",
                              names=", ".join(INITIALIZERS)))
    model.add_argument("--l1", type=parse.non_negative, metavar="X",
                       help=_("L1 penalty factor on the weights of every hidden layer (default: 0)"))
    model.add_argument("--l2", type=parse.non_negative, metavar="X",
                       help=_("L2 penalty factor on the weights of every hidden layer (default: 0)"))
    model.add_argument("--dropout", type=parse.fraction, metavar="SHARE",
                       help=_("share of each hidden layer's outputs zeroed while training, in [0, 1) "
                              "(default: 0)"))

    training = parser.add_argument_group(_("training options"))
    training.add_argument("--optimizer", type=parse.choice(OPTIMIZERS), metavar="NAME",
                          help=_("optimizer: {names} (default: adam)", names=", ".join(OPTIMIZERS)))
    training.add_argument("--lr", type=parse.learning_rate, metavar="RATE",
                          help=_("learning rate (default: {lr} for reference)", lr=reference.optimizer.lr))
    training.add_argument("--momentum", type=parse.fraction, metavar="X",
                          help=_("momentum of SGD and RMSprop, in [0, 1) (default: 0)"))
    training.add_argument("--batch-size", type=parse.batch_size, metavar="N",
                          help=_("samples per gradient step; clamped to the training set "
                                 "(default: {n})", n=reference.training.batch_size))
    training.add_argument("--epochs", type=parse.epochs, metavar="N",
                          help=_("passes over the training set; 0 trains until stopped (default: "
                                 "{n} for reference)", n=reference.training.epochs))
    training.add_argument("--seed", type=parse.seed, metavar="N",
                          help=_("seed of the run's random generator: data, split, weights and "
                                 "shuffling (default: 0)"))
    training.add_argument("--dtype", type=parse.choice(DTYPES),
                          help=_("parameter type: float32 or float64 (default: float32)"))
    training.add_argument("--schedule", type=parse.choice(SCHEDULES), metavar="NAME",
                          help=_("learning-rate schedule: {names} (default: constant)",
                                 names=", ".join(SCHEDULES)))
    training.add_argument("--schedule-gamma", type=parse.non_negative, metavar="X",
                          help=_("factor of the step, exponential and plateau schedules (default: 0.5)"))
    training.add_argument("--schedule-step", type=parse.count, metavar="N",
                          help=_("epochs between two decays of the step schedule (default: 10)"))
    training.add_argument("--schedule-patience", type=parse.count, metavar="N",
                          help=_("epochs without improvement before the plateau schedule lowers the "
                                 "learning rate (default: 5)"))
    training.add_argument("--early-stopping", type=parse.patience, metavar="PATIENCE",
                          help=_("stop after this many epochs without a lower validation loss (the "
                                 "training loss without validation data); 0 is off (default: 0)"))

    output = parser.add_argument_group(_("output options (--batch only)"))
    output.add_argument("--out", metavar="DIR",
                        help=_("run folder to write (default: runs/YYYYmmdd-HHMMSS-NAME/ in the "
                               "current directory)"))
    output.add_argument("--overwrite", action="store_true",
                        help=_("replace the run files of an earlier run in the --out folder"))
    output.add_argument("--json", action="store_true",
                        help=_("print JSON lines on stdout: one start, one per epoch and one end event"))
    output.add_argument("--quiet", action="store_true", help=_("print only errors, a warning when the loss rose, and the final line"))
    output.add_argument("--plot", action="store_true",
                        help=_("draw the training and validation loss curves after training"))
    return parser


def build_model_parser(command: str) -> Parser:
    """Return the parser of ``tuitrain predict`` or ``tuitrain evaluate``."""
    if command == "predict":
        description = _(
            "Print the prediction of a saved model for each sample of DATA, one line per sample: "
            "the class with its original label, or the predicted value(s). The model's saved "
            "scaler and label mapping are applied. DATA may leave out the label column."
        )
    else:
        description = _(
            "Print the loss and the metric of a saved model on labelled DATA, applying the "
            "model's saved scaler and label mapping."
        )
    parser = Parser(prog=f"tuitrain {command}", description=description, epilog=_exit_codes_epilog(training=False))
    parser.add_argument("model", metavar="MODEL", help=_("model file, such as runs/NAME/model.npz"))
    parser.add_argument("data", metavar="DATA",
                        help=_("a data set name or a CSV, TSV, NPZ or IDX file"))
    parser.add_argument("--label", metavar="COLUMN",
                        help=_("label column of a CSV file, by name or index (default: the last column)"))
    _add_missing_option(parser, default="refuse")
    parser.add_argument("--json", action="store_true",
                        help=_("print JSON: one object per sample for predict, one object for evaluate"))
    return parser


def build_list_parser() -> Parser:
    return Parser(prog="tuitrain list", description=_("List the presets and the built-in data sets."))


# Commands ---------------------------------------------------------------------------------


def _run_subcommand(command: str, argv: list[str]) -> int:
    from tuitrain.batch import use

    if command == "list":
        build_list_parser().parse_args(argv)
        use.print_listing()
        return ExitCode.OK
    args = build_model_parser(command).parse_args(argv)
    if command == "predict":
        use.predict(args)
    else:
        use.evaluate(args)
    return ExitCode.OK


def _run_main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list:
        from tuitrain.batch import use

        use.print_listing()
        return ExitCode.OK
    if not args.batch:
        used = [name for name in BATCH_ONLY if getattr(args, name) not in (None, False)]
        if used:
            option = "--" + used[0].replace("_", "-")
            parser.error(_("{option} applies only with --batch", option=option))
        return _open_app(build_config(args))

    from tuitrain.batch import run_batch

    checkpoint = None
    if args.resume:
        from tuitrain.core import load_checkpoint

        checkpoint = load_checkpoint(args.resume)
    config = build_config(args, resumed=checkpoint)
    return run_batch(config, args, checkpoint=checkpoint)


def _open_app(config: RunConfig) -> int:
    try:
        from tuitrain.tui.app import create_app
    except ImportError as error:
        print(_("tuitrain: error: the terminal app cannot start ({detail}). Use tuitrain --batch to train "
                "without it.", detail=error), file=sys.stderr)
        return ExitCode.FAILURE
    app = create_app(config)
    app.run()
    # Textual sets return_code to 1 when the app ends on an unhandled error.
    return app.return_code or ExitCode.OK


# Building the run config ------------------------------------------------------------------


def build_config(args: argparse.Namespace, resumed=None) -> RunConfig:
    """Combine the preset, the config file and the options of ``args``, later ones winning.

    A resumed run without ``--preset`` starts from the config saved in its model file.
    """
    if resumed is not None and args.preset is None and "config" in resumed.metadata:
        config = RunConfig.from_dict(resumed.metadata["config"], source=args.resume)
    else:
        config = get_preset(args.preset or "reference")
    if args.config:
        config = _apply_config_file(config, args.config)
    _apply_options(config, args)
    return config


def _apply_config_file(base: RunConfig, path: str) -> RunConfig:
    """Overlay the keys of TOML file ``path`` on ``base``; keys the file leaves out keep base's."""
    load_config(path)  # raises ConfigError for a missing, unreadable or invalid file
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return RunConfig.from_dict(_merge(base.to_dict(), data), source=path)


def _merge(base: dict, update: dict) -> dict:
    merged = dict(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_OPTION_FIELDS = {
    "label": ("data", "label"),
    "samples": ("data", "samples"),
    "features": ("data", "features"),
    "classes": ("data", "classes"),
    "noise": ("data", "noise"),
    "val_split": ("data", "val_split"),
    "scale": ("data", "scale"),
    "missing": ("data", "missing"),
    "map_labels": ("data", "map_labels"),
    "output_units": ("model", "output_units"),
    "output_activation": ("model", "output_activation"),
    "loss": ("model", "loss"),
    "initializer": ("model", "initializer"),
    "optimizer": ("optimizer", "name"),
    "lr": ("optimizer", "lr"),
    "momentum": ("optimizer", "momentum"),
    "batch_size": ("training", "batch_size"),
    "epochs": ("training", "epochs"),
    "seed": ("training", "seed"),
    "dtype": ("training", "dtype"),
    "schedule": ("training", "schedule"),
    "schedule_gamma": ("training", "schedule_gamma"),
    "schedule_step": ("training", "schedule_step"),
    "schedule_patience": ("training", "schedule_patience"),
    "early_stopping": ("training", "early_stopping"),
}
"""Option (argparse dest) -> (config section, field) for options that set one field."""


def _apply_options(config: RunConfig, args: argparse.Namespace) -> None:
    if args.data is not None:
        config.data.source = args.data
        if args.name is None:
            config.name = _name_of_source(args.data)
    for option, (section, name) in _OPTION_FIELDS.items():
        value = getattr(args, option)
        if value is not None:
            setattr(getattr(config, section), name, value)
    if args.layers is not None:
        config.model.layers = args.layers
    for penalty in ("l1", "l2", "dropout"):
        value = getattr(args, penalty)
        if value is not None:
            for layer in config.model.layers:
                setattr(layer, penalty, value)
    if args.name is not None:
        config.name = args.name


def _name_of_source(source: str) -> str:
    """Return a run name for a data set name or file path: "iris", "my-data" for my-data.csv."""
    if source in DATASETS:
        return source
    name = Path(source.partition(":")[0]).name
    for suffix in (".gz", ".csv", ".tsv", ".txt", ".npz"):
        name = name.removesuffix(suffix)
    return re.sub(r"[^\w.-]+", "_", name) or "data"
