"""Verification: each drafted item against its sentence (``verify.py``), casualty figures
(``casualty_checks.py``, ``numbers.py``, ``rule_counter.py``, ``one_victim.py``), names and merging,
the overview's names, sentences addressed to an AI, and what each language's pack reads (``lang/``)."""
