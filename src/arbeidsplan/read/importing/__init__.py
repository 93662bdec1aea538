"""Importing a Word, PDF or text document into a plan: extract → clean → structure → write."""
