"""Chinese text for tuitrain.tui."""

MESSAGES: dict[str, str] = {
}
