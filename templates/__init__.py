"""Built-in notice templates.

They live at the top of the repository (the design card's layout) and ship inside the
wheel as the package `fourtwo.templates` (see [tool.setuptools.package-dir] in
pyproject.toml); a workspace's own templates/ folder overrides them by name.
"""
