"""budgetbalans: åtgärdsplaner för budget i balans, validated and summed exactly."""

__version__ = "0.1.0"
