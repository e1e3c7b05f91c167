"""What people keep, read and written: YAML with positions, surgical YAML edits, CSV and
XLSX as Excel and WPS save them, atomic writes and the project lock, and the names of
a workspace's files and folders. Nothing here knows the method's rules."""
