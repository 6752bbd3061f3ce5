"""The command line: options to read, compute, build and write, and the exit status."""
