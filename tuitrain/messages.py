"""English templates of the messages of the config, presets and run set-up.

Each is the key of its Chinese translation in ``tuitrain.locales.zh_CN.config``.
"""

CONFIG_NOT_FOUND = "Config file {path} not found. Check the path, or write one with tuitrain --batch --out DIR."
CONFIG_UNREADABLE = "Config file {path} cannot be read: {detail}."
CONFIG_SYNTAX = "Config file {path} is not valid TOML: {detail}."
CONFIG_VERSION = "{source} has config version {version}, but this tuitrain reads version {supported}."
CONFIG_UNKNOWN_KEY = "Unknown key '{key}' in {source}. Known keys here: {choices}."
CONFIG_NOT_TABLE = "'{key}' in {source} must be a table such as [{key}]."
CONFIG_NOT_INTEGER = "'{key}' in {source} must be a whole number, but got {value}."
CONFIG_NOT_NUMBER = "'{key}' in {source} must be a finite number, but got {value}."
CONFIG_NOT_TEXT = "'{key}' in {source} must be text in quotes, but got {value}."
CONFIG_NOT_BOOL = "'{key}' in {source} must be true or false, but got {value}."
CONFIG_NOT_LIST = "'{key}' in {source} must be a list such as [...], but got {value}."
UNKNOWN_PRESET = "Unknown preset '{name}'. Use one of: {choices}."
BAD_VAL_SPLIT = "The validation split must be at least 0 and below 1, but got {value}. Try 0.2."
BAD_SCALE = "Unknown scaling '{value}'. Use auto, standard or none."
BAD_EPOCHS_SETTING = "Epochs must be a whole number of 0 or more (0 trains until stopped), but got {value}."
RESUME_DONE = "The model already has {done} epochs, and the run asks for {epochs}. Ask for more epochs, for example --epochs {more}."
OUT_IS_A_FILE = "--out {path} is a file, not a folder. Pass a folder path, or leave out --out to write under runs/."
OUT_HAS_RUN = (
    "Folder {path} already contains a run ({files}). Pass a new folder with --out, or add "
    "--overwrite to replace that run."
)
OUT_NOT_CREATED = "Run folder {path} cannot be created: {detail}. Pass a folder you can write to with --out."
RESUME_MISMATCH = "Model file {path} was trained on {saved} features, but the data has {given}. Use the data it was trained on."

REASON_OUTPUT_GIVEN = "Output layer as configured: {units} {activation} unit(s) with {loss}."
EVALUATE_NEEDS_LABELS = (
    "{path} has {features} columns, as many as the model has features, so it has no label "
    "column. Evaluation needs labels: add the label column, or use tuitrain predict."
)
UNKNOWN_CLASSES = "Column '{column}' has labels {values} that the model never saw. It knows: {known}."
