"""Chinese text for tuitrain.data."""

MESSAGES: dict[str, str] = {
}
