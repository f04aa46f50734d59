"""Many articles: the resumable batch run (``run.py``), provider batch files, the append-only JSONL log."""
