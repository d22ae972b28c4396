"""Chinese text for tuitrain.cli."""

MESSAGES: dict[str, str] = {
}
