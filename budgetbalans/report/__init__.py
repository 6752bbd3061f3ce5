"""Reports: builders turn core results into one Document model, writers serialise it."""
