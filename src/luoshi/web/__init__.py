"""The web portal: public pages over the ledger (``create_app``), served by ``luoshi serve``.

Routes are adapters: each reads the request, calls one function of
``luoshi.ledger.services.public`` and renders the object it returns as a page or, on the same
path with ``.json``, as JSON.
"""

from luoshi.web.app import create_app

__all__ = ["create_app"]
