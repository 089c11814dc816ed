"""Allow `python -m ua_letters`."""

from ua_letters.cli import main

main()
