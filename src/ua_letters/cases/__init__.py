"""Case files: the model, safe YAML with line numbers, validation, lookup."""
