"""`ua-letter import`: an Urgent Action document in, a draft case file out.

sources, pdf, html (any document -> plain text lines) -> parse (the landmarks) with header,
blocks and targets, people, letter (the fields) -> draft (the YAML) -> job (file and table).
"""
