"""Builders: core results to a Document; every label and tone is chosen here."""
