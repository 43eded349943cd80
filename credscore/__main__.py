"""``python -m credscore`` runs the command line."""

import sys

from credscore.cli import main

sys.exit(main())
