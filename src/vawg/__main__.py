"""`python -m vawg`: the same as the `vawg` command."""

from vawg.cli import main

main()
