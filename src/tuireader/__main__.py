"""`python -m tuireader` runs the command line."""

from tuireader.cli import main

raise SystemExit(main())
