"""Articles in: reading, cleaning, extraction and resolution."""
