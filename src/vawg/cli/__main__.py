"""`python -m vawg.cli`: the same as the `vawg` command."""

from vawg.cli import main

main()
