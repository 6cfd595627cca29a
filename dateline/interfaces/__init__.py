"""What people run: the command line (``cli.py``, with the benchmarks in ``cli_eval.py``).

The Python API is ``dateline.api``; the CLI only parses, calls it and prints.
"""
