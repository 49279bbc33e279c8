"""Extraction components: each reads and adds to one `Doc`."""
