"""English templates of every message the core shows to users.

Each template is also the key of its Chinese translation in ``tuitrain.locales``; a test
checks that every constant here has one with the same ``{fields}``.
"""

UNKNOWN_ACTIVATION = "Unknown activation '{name}'. Use one of: {choices}."
UNKNOWN_INITIALIZER = "Unknown initializer '{name}'. Use one of: {choices}."
UNKNOWN_LOSS = "Unknown loss '{name}'. Use one of: {choices}, or auto."
UNKNOWN_OPTIMIZER = "Unknown optimizer '{name}'. Use one of: {choices}."
UNKNOWN_OPTIMIZER_SETTING = "Optimizer {optimizer} has no setting '{name}'. Its settings are: {choices}."
UNKNOWN_SCHEDULE = "Unknown learning-rate schedule '{name}'. Use one of: {choices}."
UNKNOWN_SCHEDULE_SETTING = "Schedule {name} does not take the setting(s) {settings}."
UNKNOWN_DTYPE = "Unknown dtype '{name}'. Use one of: {choices}."

BAD_UNITS = "A layer needs a whole number of units of at least 1, but got {units}."
BAD_PENALTY = "Regularization {name} must be a number of 0 or more, but got {value}."
BAD_DROPOUT = "Dropout must be at least 0 and below 1, but got {value}. Try 0.2."
BAD_INPUT_DIM = "The model needs at least one input feature, but got {value}."
NO_LAYERS = "The model has no layers. Add at least the output layer."
INPUT_SHAPE_MISMATCH = "The model expects {expected} features per sample, but the data has shape {shape}."
BAD_LEARNING_RATE = "The learning rate must be a positive number such as 0.001 or 1e-4, but got {value}."
BAD_DECAY_RATE = "{name} must be at least 0 and below 1, but got {value}."
BAD_NONNEGATIVE = "{name} must be a number of 0 or more, but got {value}."
BAD_SCHEDULE_SETTING = "Learning-rate schedule setting {name} is out of range: {value}."
BAD_PATIENCE = "Early-stopping patience must be a whole number of epochs of at least 1, but got {value}."
BAD_EPOCHS = "Epochs must be a whole number of at least 1, but got {value}."
BAD_BATCH_SIZE = "Batch size must be a whole number of at least 1, but got {value}. Try 32."
BAD_STEP_UNIT = "A step is one 'batch' or one 'epoch', not '{value}'."
BAD_DELAY = "The delay between batches must be 0 seconds or more, but got {value}."
EMPTY_TRAINING_SET = "The training set is empty. Use more samples or a smaller validation split."
LENGTH_MISMATCH = "There are {features} feature rows but {targets} targets; they must match."
BCE_TARGETS_NOT_BINARY = (
    "Binary cross-entropy needs targets 0 and 1, but they include {values}. Map the two "
    "classes to 0 and 1, or use categorical cross-entropy."
)

BATCH_SIZE_CLAMPED = "Batch size {batch_size} is larger than the {n} training samples, so batches use all {n}."

CAUSE_UNSCALED = (
    "The inputs are not scaled (the largest |x| is {scale}). Standardize the features, or "
    "lower the learning rate from {lr} to {suggested}."
)
CAUSE_SGD_LR = "The learning rate {lr} is too high for SGD. Try {suggested}."
LOSS_ROSE = (
    "The training loss rose from {initial} to {loss} by epoch {epoch}. The learning "
    "rate {lr} is probably too high for {optimizer}. Try {suggested}."
)
CAUSE_LR = "The learning rate {lr} is probably too high for {optimizer}. Try {suggested}."

MODEL_FILE_MISSING = "Model file {path} not found. Check the path, or train a model first."
MODEL_FILE_CORRUPT = "Model file {path} is truncated or damaged ({detail}). Save the model again."
MODEL_FILE_FOREIGN = "File {path} is not a tuitrain model file. Pass a file saved by tuitrain."
MODEL_FILE_VERSION = (
    "Model file {path} has format version {version}, but this tuitrain reads up to version "
    "{supported}. Upgrade tuitrain."
)
