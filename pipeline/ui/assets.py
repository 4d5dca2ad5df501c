"""Serve Leaflet and its plugins from files shipped with Rasd instead of CDNs, so the map works offline.

folium (and streamlit-folium, which loads the same links into its iframe) point at CDN URLs by default.
`localize(map)` walks a built folium map and replaces every script/stylesheet link with a `data:` URL
of the vendored file (pipeline/ui/vendor/, see its README for versions and licences). Links Rasd does
not need (jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped: nothing on Rasd's maps uses them.
"""
from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import folium
from folium.elements import JSCSSMixin

VENDOR_DIR = Path(__file__).with_name("vendor")

# folium's link name -> vendored file. Names not listed are dropped.
_JS = {
    "leaflet": "leaflet.js",
    "markerclusterjs": "leaflet.markercluster.js",
    "leaflet-heat.js": "leaflet-heat.js",
}
_CSS = {
    "leaflet_css": "leaflet.css",
    "markerclustercss": "MarkerCluster.css",
    "markerclusterdefaultcss": "MarkerCluster.Default.css",
}


@lru_cache(maxsize=None)
def data_url(filename: str) -> str:
    """The vendored file as a base64 data: URL (cached: built once per process)."""
    mime = "text/css" if filename.endswith(".css") else "text/javascript"
    payload = base64.b64encode((VENDOR_DIR / filename).read_bytes()).decode("ascii")
    return f"data:{mime};base64,{payload}"


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def localize(m: folium.Map) -> folium.Map:
    """Point every JS/CSS link of the map (and its layers) at vendored copies; returns the same map."""
    for element in _walk(m):
        if isinstance(element, JSCSSMixin):
            # Instance attributes: never mutate folium's class-level lists.
            element.default_js = [(name, data_url(_JS[name])) for name, _ in element.default_js if name in _JS]
            element.default_css = [(name, data_url(_CSS[name])) for name, _ in element.default_css if name in _CSS]
    return m


def external_links(html: str) -> list[str]:
    """http(s) script/stylesheet/image URLs left in rendered map HTML (tests assert there are none)."""
    import re

    return re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
