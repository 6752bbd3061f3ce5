"""The exit statuses of every command (docs/planformat.md): 0 all is well; 1 a plan is invalid or a check
fails; 2 a wrong command line (or output that cannot be written); 3 a bug in budgetbalans (never caused by a plan)."""

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
