"""``dateline serve``: a local web app to read and search the timeline a store holds.

Pages: the timeline (filters in the URL, a summary mode, exports), events, articles, entities,
stories and full-text search. ``app.create_app`` builds the Starlette app (tests use it with
Starlette's ``TestClient``), ``serve.serve`` runs it under uvicorn. The app reads through the
typed document (``dateline.api.timeline``) and the store's query modules; it writes nothing but
the search index (``dateline.store.search``).
"""

from dateline.interfaces.web.app import create_app

__all__ = ["create_app"]
