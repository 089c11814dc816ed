"""Letters: what a template sees, rendering, dates, languages, wrapping."""
