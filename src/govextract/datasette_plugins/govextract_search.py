"""Loaded by ``govextract serve`` through Datasette's ``--plugins-dir``: registers the search
query segmenter of :mod:`govextract.datasette_plugin`."""
try:
    from datasette import hookimpl
except ImportError:  # pragma: no cover - only Datasette loads this file, and then it is there
    hookimpl = None

if hookimpl is not None:
    from govextract.datasette_plugin import asgi_wrapper as _asgi_wrapper

    @hookimpl
    def asgi_wrapper(datasette):
        return _asgi_wrapper(datasette)
