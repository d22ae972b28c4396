"""Widgets of the main screen: panels, charts, the status bar and the controls bar."""
