"""The language of a plan: exact money, amounts and their Swedish notation, the format's models."""
