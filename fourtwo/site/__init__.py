"""The public board (`fourtwo site`): a static site of every decision, its notices as
posted and whether each still matches the records; pages.py says what a page shows,
build.py renders and writes them, scan.py is `check`'s personal-data scan of a site."""
