"""The input edge: files, YAML with positions, plan rules, git revisions and office documents to plans or problems."""
