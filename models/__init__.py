"""The model shipped with credscore (installed as ``credscore._models``; data files only)."""
