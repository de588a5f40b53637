"""textaudit's Textual front end and command line."""
