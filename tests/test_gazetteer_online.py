"""Optional Nominatim fallback, against a tiny Nominatim-compatible server on 127.0.0.1."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer import default_gazetteer
from gazetteer.online import OnlineGeocoder, lookup_with_fallback


class _Nominatim(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append({"path": url.path, **query})
        body = []
        if url.path == "/search" and query.get("q") == "Wadi Zamzam":
            body = [{"place_id": 1, "osm_type": "node", "osm_id": 42, "lat": "31.30", "lon": "14.20",
                     "display_name": "Wadi Zamzam, Misrata, Libya", "class": "natural", "type": "valley",
                     "address": {"state": "Misrata District", "country_code": "ly"}}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _Nominatim.requests = []
    httpd = HTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_online_fallback_is_used_only_when_offline_data_lacks_the_name_and_is_cached(server, tmp_path):
    cache = tmp_path / "cache.json"
    online = OnlineGeocoder(cache_path=cache, domain=server, scheme="http", min_delay_seconds=0)
    gz = default_gazetteer()
    assert lookup_with_fallback(gz, "Sirte", online)[0].place_id == "geonames:2210554"
    assert _Nominatim.requests == []                       # offline hit: the server is not asked
    hit = lookup_with_fallback(gz, "Wadi Zamzam", online)[0]
    assert (hit.latitude, hit.longitude, hit.country_code) == (31.30, 14.20, "LY")
    assert hit.place_id == "nominatim:node:42" and hit.admin1 == "Misrata District"
    assert _Nominatim.requests[0]["countrycodes"] == "ly"
    assert lookup_with_fallback(gz, "Nowhere Wadi", online) == []
    assert len(_Nominatim.requests) == 2
    # a new geocoder reads the on-disk cache: no more requests
    again = OnlineGeocoder(cache_path=cache, domain=server, scheme="http", min_delay_seconds=0)
    assert lookup_with_fallback(gz, "Wadi Zamzam", again)[0].latitude == 31.30
    assert lookup_with_fallback(gz, "Nowhere Wadi", again) == []
    assert len(_Nominatim.requests) == 2


def test_offline_by_default():
    assert lookup_with_fallback(default_gazetteer(), "Wadi Zamzam") == []
