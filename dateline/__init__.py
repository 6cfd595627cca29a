"""dateline: from a pile of news articles to a sourced timeline."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
