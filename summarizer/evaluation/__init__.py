"""``summarizer eval``: the run over gold records, the MUC-4 scores and the four-list scores."""
