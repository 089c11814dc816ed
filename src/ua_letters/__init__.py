"""ua-letters: turn Amnesty International Urgent Actions into personal appeal letters."""

__version__ = "0.1.0"
