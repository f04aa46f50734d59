"""What a summary becomes for a reader: the Markdown brief, the review page, the service's /docs page."""
