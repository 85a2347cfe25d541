"""`python -m tuireader` runs the command line."""

from tuireader.cli.main import main

raise SystemExit(main())
