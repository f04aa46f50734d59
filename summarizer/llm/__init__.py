"""Reaching a model: the openai client under instructor (``client.py``), transport retries and the
per-call deadline (``transport.py``), the bundled GGUF and its llama.cpp server, list prices."""
