"""`ua-letter import`: an Urgent Action document in, a draft case file out.

sources (any document -> plain text lines) -> parse (lines -> fields) -> draft (YAML).
"""
