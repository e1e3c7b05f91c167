"""fourtwo: community decisions under 四议两公开, kept as plain files."""

__version__ = "0.1.0"
