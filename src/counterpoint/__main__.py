"""``python -m counterpoint``."""

from counterpoint.cli import main

main()
