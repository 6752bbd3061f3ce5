"""The JSON contract, dumped directly from the core's records."""
