"""The graph model, the stores that hold it, and its exports."""
