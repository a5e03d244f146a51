"""The application layer: one use case per command, returning data for the CLI to print."""
