"""The interactive API documentation, served from the portal's own static files (no CDN).

ninja's Swagger page already loads its bundled swagger-ui with no inline script; ours differs by its
template (under our own name, not shadowing ninja's) and by turning off swagger-ui's online validator,
which would otherwise fetch a badge from validator.swagger.io.
"""

from __future__ import annotations

import json

from django.shortcuts import render
from ninja.openapi.docs import Swagger


class PortalSwagger(Swagger):
    template = "api/docs.html"

    def __init__(self):
        super().__init__(settings={"validatorUrl": None, "tryItOutEnabled": True})

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(
            request,
            self.template,
            {"swagger_settings": json.dumps(self.settings), "api": api, "add_csrf": False},
        )
