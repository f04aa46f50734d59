"""The pipeline: an article read (inputs, sentences, language, chunks), the prompts and what the model
fills (drafts, cut answers), and the run that asks, verifies and assembles a summary (``run.py``)."""
