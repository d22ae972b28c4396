"""English message templates of tuitrain.data, one constant per message.

Each template is also the key of its Simplified Chinese translation in
``tuitrain.locales.zh_CN.data``. Errors take the template and its ``{field}`` values, as in
``DataError(messages.RAGGED_ROW, path=..., row=..., found=..., expected=...)``. The options
that the messages suggest (``--label``, ``--missing``, ``--map-labels``, ``--loss``,
``--output-units``, ``--val-split``) are the command-line names of the keyword arguments of
``load_dataset``, ``resolve_target`` and ``split_dataset``.
"""

# Choosing a data set.
UNKNOWN_SOURCE = (
    "Unknown data set '{source}'. Choose one of: {names}, "
    "or give the path of a .csv, .tsv, .txt, .npz or IDX file."
)
FILE_NOT_FOUND = "File '{path}' not found. Check the path, or choose a built-in data set: {names}."
UNSUPPORTED_FORMAT = (
    "File '{path}' has an unsupported format. "
    "Use a .csv, .tsv, .txt or .npz file, or an IDX file named like train-images-idx3-ubyte."
)
FILE_READ_FAILED = "Reading '{path}' failed: {reason}. Check that it is a readable file."
GZIP_INVALID = "File '{path}' is not a valid gzip file: {reason}. Download or compress it again."
OPTION_NOT_APPLICABLE = (
    "Option {option} does not apply to '{source}'. "
    "Leave it out, or choose a data set that takes it: {names}."
)
LABEL_NOT_APPLICABLE = (
    "Option --label applies only to CSV, TSV and TXT files and to bundled data sets, "
    "not to '{source}'. Leave it out."
)
INVALID_MISSING_MODE = "Invalid value '{value}' for --missing. Use refuse, drop or mean."
COUNT_TOO_SMALL = "Option {option} must be at least {minimum}, got {value}."
NOISE_NEGATIVE = "Option --noise must be 0 or more, got {value}."
LABEL_NOISE_RANGE = (
    "Option --noise for '{source}' is the share of labels flipped "
    "and must be between 0 and 1, got {value}."
)

# Reading CSV, TSV and TXT files.
NOT_UTF8 = (
    "File '{path}' is not UTF-8 text: byte {byte} in line {row} cannot be decoded. "
    "Save the file as UTF-8 (in a spreadsheet: CSV UTF-8) and load it again."
)
NO_DATA_ROWS = "File '{path}' contains no data rows. Check that it is the file you meant."
TOO_FEW_COLUMNS = (
    "File '{path}' has {count} column(s) when split at {delimiter}, but a data set needs at "
    "least one feature column and one label column. Separate the values with commas, "
    "semicolons or tabs."
)
TOO_FEW_ROWS = "File '{path}' has {count} data row(s), but training needs at least 2."
RAGGED_ROW = (
    "Row {row} of '{path}' has {found} columns, but the first row has {expected}. "
    "Fix that row so that every row has {expected} values."
)
NON_NUMERIC_FEATURE = (
    "Column '{column}' of '{path}' has a non-numeric value '{value}' in row {row}. "
    "Fix the value or choose the label column with --label."
)
NON_FINITE_FEATURE = (
    "Column '{column}' of '{path}' has the infinite value '{value}' in row {row}. "
    "Replace it with a number, or leave the cell empty and use --missing."
)
MISSING_VALUES = (
    "File '{path}' has {count} missing value(s), at (row, column): {cells}. "
    "Use --missing drop to drop those rows, or --missing mean to fill missing features "
    "with the column mean (a row with a missing label is always dropped)."
)
COLUMN_ALL_MISSING = (
    "Column '{column}' of '{path}' has no values, so it has no mean to fill in. "
    "Remove the column from the file, or choose it as the label column with --label."
)
TOO_FEW_ROWS_AFTER_DROP = (
    "Dropping the {dropped} row(s) with missing values leaves {left} row(s) of '{path}', "
    "but training needs at least 2. Fill in the missing values in the file."
)
LABEL_COLUMN_NOT_FOUND = (
    "Label column '{label}' not found in '{path}'. Its columns are: {columns}. "
    "Choose one with --label, by name or by index (0 for the first, -1 for the last)."
)
LABEL_INDEX_OUT_OF_RANGE = (
    "Label column index {index} is out of range for '{path}', which has {count} columns. "
    "Use --label with an index from 0 to {last}, or from -{count} to -1."
)
LABEL_NAME_WITHOUT_HEADER = (
    "File '{path}' has no header row, so it has no column named '{label}'. "
    "Use --label with a column index from 0 to {last}, or -1 for the last column."
)
LABEL_NAME_AMBIGUOUS = (
    "File '{path}' has {count} columns named '{label}'. "
    "Choose the label column by index with --label (0 for the first column)."
)

# Reading NPZ files.
NPZ_INVALID = "File '{path}' is not a valid NPZ archive: {reason}. Save it with numpy.savez."
NPZ_SINGLE_ARRAY = (
    "File '{path}' contains a single array in .npy format, but tuitrain needs an NPZ "
    "archive with arrays X and y. Save it with numpy.savez(path, X=features, y=labels)."
)
NPZ_KEYS_MISSING = (
    "File '{path}' must contain arrays named X and y, but it contains: {keys}. "
    "Save it with numpy.savez(path, X=features, y=labels)."
)
NPZ_OBJECT_ARRAY = (
    "Array '{key}' in '{path}' is an array of Python objects, which tuitrain does not load "
    "because loading it could run code. Save numbers, or labels as a string array."
)
NPZ_X_SHAPE = (
    "Array X in '{path}' has shape {shape}, but features must be a 2-D array "
    "of shape (samples, features)."
)
NPZ_Y_SHAPE = (
    "Array y in '{path}' has shape {shape}, but labels must have shape (samples,) "
    "or (samples, targets)."
)
ARRAY_NOT_NUMERIC = "Array {key} in '{path}' has dtype {dtype}, but it must contain numbers."
ARRAY_NOT_FINITE = (
    "Array {key} in '{path}' contains {count} NaN or infinite value(s), first in row {row} "
    "(counting from 0). "
    "Replace them with numbers before training."
)
SAMPLE_COUNT_MISMATCH = (
    "'{path}' has {n_features} feature rows but {n_labels} labels. "
    "Features and labels must have the same number of samples."
)

# Reading IDX files (the MNIST format).
IDX_BAD_MAGIC = (
    "File '{path}' is not an IDX file: it starts with {magic}, but an IDX file starts with "
    "two zero bytes, a type code and the number of dimensions."
)
IDX_UNKNOWN_TYPE = (
    "File '{path}' has the unknown IDX type code {code}. "
    "Known codes: 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E."
)
IDX_TRUNCATED = (
    "File '{path}' is truncated: its header declares {expected} bytes of data, "
    "but it contains {found}. Download the file again."
)
IDX_IMAGES_SHAPE = (
    "File '{path}' has {ndim} dimension(s), but an IDX images file has at least 2, "
    "such as (images, rows, columns). Give the images file first."
)
IDX_LABELS_SHAPE = (
    "File '{path}' has {ndim} dimensions, but an IDX labels file has 1. "
    "Give the labels file after the images file, as images-file:labels-file."
)
IDX_LABELS_NOT_FOUND = (
    "No labels file found beside '{path}' (looked for {candidates}). "
    "Give both files as images-file:labels-file."
)

# Matching labels to the loss and the output layer.
UNKNOWN_LOSS = "Unknown loss '{loss}'. Choose one of: {names}."
SINGLE_CLASS = (
    "Label column '{column}' has only one class ({value}), but classification needs "
    "at least 2. Check the label column, or choose another one with --label."
)
BCE_LABELS_NOT_BINARY = (
    "Binary cross-entropy needs labels 0 and 1, but label column '{column}' has the values "
    "{values}. Use --map-labels to map them to 0 and 1, or use "
    "--loss categorical_crossentropy."
)
BCE_TOO_MANY_CLASSES = (
    "Binary cross-entropy needs 2 classes, but label column '{column}' has {n_classes}: "
    "{values}. Use --loss categorical_crossentropy."
)
OUTPUT_UNITS_MISMATCH = (
    "The output layer has {units} unit(s), but {loss} with label column '{column}' needs "
    "{expected}. Set --output-units {expected}, or leave it out to choose it automatically."
)
OUTPUT_ACTIVATION_MISMATCH = (
    "Output activation '{activation}' does not fit {loss}, which needs '{expected}'. "
    "Leave the output activation out to choose it automatically."
)
CLASSIFICATION_LOSS_ON_REGRESSION = (
    "Loss {loss} needs class labels, but label column '{column}' of '{name}' contains "
    "continuous values for regression. Use --loss mse or --loss mae."
)
REGRESSION_LOSS_ON_TEXT = (
    "Loss {loss} needs numeric targets, but label column '{column}' contains text labels "
    "({values}). Use --loss categorical_crossentropy, or --loss auto."
)

# One-line reasons for the output layer that resolve_target chose.
REASON_BINARY = "2 classes: 1 sigmoid unit with binary cross-entropy"
REASON_CATEGORICAL = (
    "{n_classes} classes: {n_classes} softmax units with categorical cross-entropy"
)
REASON_REGRESSION_ONE = "1 target column: 1 {activation} unit with {loss} loss"
REASON_REGRESSION_MANY = (
    "{n_targets} target columns: {n_targets} {activation} units with {loss} loss"
)
REASON_LABELS_AS_NUMBERS = "Class labels used as numbers: 1 {activation} unit with {loss} loss"

# Splitting into training and validation sets.
VAL_SPLIT_OUT_OF_RANGE = (
    "Validation split must be at least 0 and less than 1, got {value}. "
    "Set --val-split to a value such as 0.2, or 0 for no validation set."
)
SPLIT_TOO_FEW_SAMPLES = (
    "A validation split needs at least 2 samples, but there are {n_samples}. "
    "Use --val-split 0 to train without a validation set."
)
SPLIT_EMPTY_TRAINING = (
    "Validation split {value} of {n_samples} samples leaves no sample for training. "
    "Use --val-split {suggestion} or less."
)
SPLIT_NO_VALIDATION = (
    "Every class of the {n_samples} samples has only 1 sample, so a stratified split "
    "leaves either training or validation without a class. Use --val-split 0."
)

# Scaling features.
SCALER_FEATURE_COUNT = (
    "The scaler was fitted on {expected} feature(s), but the data has {found}. "
    "Use data with the same columns as the training data."
)
SCALER_ARRAYS_MISSING = "Scaler arrays {keys} are missing; found: {found}."
SCALER_EMPTY = "A scaler needs at least 1 sample to fit, but the data has none."

# Data set descriptions, one line each.
DESCRIPTION_REFERENCE = (
    "Random points in the unit cube, label 1 where the features sum to more than half "
    "the number of features"
)
DESCRIPTION_XOR = "2-D points in four quadrants, label 1 where the two signs differ (XOR)"
DESCRIPTION_CIRCLES = "2-D points on two circles, one inside the other"
DESCRIPTION_MOONS = "2-D points on two interleaving half circles"
DESCRIPTION_SPIRALS = "2-D points on spiral arms, one class per arm"
DESCRIPTION_BLOBS = "Gaussian blobs, one class per blob"
DESCRIPTION_REGRESSION1D = "1-D regression: y = sin(2x) + x/2 plus Gaussian noise"
DESCRIPTION_REGRESSION2D = (
    "2-D regression: y = sin(x1) cos(x2) + (x1 + x2)/4 plus Gaussian noise"
)
DESCRIPTION_IRIS = (
    "Iris flowers: 150 samples, 4 measurements, 3 species (Fisher 1936, UCI, CC BY 4.0)"
)
DESCRIPTION_WINE = (
    "Wine: 178 samples, 13 chemical measurements, 3 cultivars (Forina et al., UCI, CC BY 4.0)"
)
DESCRIPTION_BREAST_CANCER = (
    "Breast cancer Wisconsin diagnostic: 569 samples, 30 cell-nucleus features, "
    "malignant or benign (Wolberg et al. 1995, UCI, CC BY 4.0)"
)
DESCRIPTION_DIGITS = (
    "Handwritten digits: 1797 images of 8x8 pixels, 10 classes "
    "(Alpaydin and Kaynak 1998, UCI, CC BY 4.0)"
)
DESCRIPTION_FILE = "Data from the file {path}"
