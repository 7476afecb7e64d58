"""Files in and out: find the files to lint, read and decode their bytes, write fixes back."""
