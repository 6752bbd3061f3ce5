"""The input edge: files, YAML with positions, plan rules, git revisions, office documents and Word templates to plans, bytes or problems."""
