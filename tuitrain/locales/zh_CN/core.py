"""Chinese text for tuitrain.core."""

MESSAGES: dict[str, str] = {
}
