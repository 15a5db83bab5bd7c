"""What a board becomes afterwards: its JSON, exports (Markdown, CSV, Word, PNG) and the
comparison of two points in its history."""
