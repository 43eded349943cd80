"""``credscore check``: a CI gate for health content.

- :mod:`~credscore.check.config` finds and validates ``[tool.credscore]`` configuration;
- :mod:`~credscore.check.collect` finds the files to check (folders, include/exclude globs);
- :mod:`~credscore.check.suppress` reads ``<!-- credscore-disable ... -->`` comments;
- :mod:`~credscore.check.run` scores each article and decides pass or fail;
- :mod:`~credscore.check.output` writes text, JSON, SARIF, GitHub annotations or HTML;
- :mod:`~credscore.check.cli` is the ``credscore check`` command line.

Exit codes: 0 every article passes; 1 an article scores below ``--fail-under`` or has a finding
at or above ``--fail-on``; 2 a usage, configuration, model or input error.
"""
