"""Screens of the app: the main screen, help and modal dialogs."""
