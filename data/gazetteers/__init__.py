"""Gazetteers: general knowledge the extractor uses (places, surnames, titles, national bodies)."""
