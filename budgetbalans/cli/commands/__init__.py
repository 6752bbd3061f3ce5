"""The commands, one module each: options → read → compute → build → write → exit status.

Each imports what it needs when it runs (the reader and its pydantic models, the core, the builders):
``--help``, a wrong command line and ``check`` start with none of what they do not use.
"""
