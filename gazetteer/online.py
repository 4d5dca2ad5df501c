"""Optional online fallback: geopy's Nominatim for names the offline gazetteer lacks.

Off by default (Rasd works offline). When enabled, every answer is cached on disk (JSON), so a name
is asked once; requests go through geopy's RateLimiter (Nominatim's policy: at most 1 per second).
The domain is configurable, so a self-hosted Nominatim (or a test server) can be used.
"""
from __future__ import annotations

import json
from pathlib import Path

from gazetteer.matcher import fold_key
from gazetteer.places import user_data_dir
from pipeline.records import PlaceMention


class OnlineGeocoder:
    def __init__(self, cache_path: Path | None = None, domain: str = "nominatim.openstreetmap.org",
                 scheme: str = "https", user_agent: str = "rasd-gazetteer", min_delay_seconds: float = 1.0,
                 country_codes: str | None = "ly", timeout: float = 10.0):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.cache_path = cache_path or user_data_dir() / "nominatim_cache.json"
        self.cache: dict[str, dict | None] = {}
        if self.cache_path.exists():
            self.cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
        self.country_codes = country_codes
        self.geocoder = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout)
        self._geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=1, swallow_exceptions=False)

    def geocode(self, name: str) -> PlaceMention | None:
        key = fold_key(name)
        if key not in self.cache:
            kwargs = {"exactly_one": True, "addressdetails": True}
            if self.country_codes:
                kwargs["country_codes"] = self.country_codes
            loc = self._geocode(name, **kwargs)
            self.cache[key] = None if loc is None else {
                "lat": float(loc.latitude), "lon": float(loc.longitude), "display_name": loc.address,
                "osm": f"{loc.raw.get('osm_type', '')}:{loc.raw.get('osm_id', loc.raw.get('place_id', ''))}",
                "type": loc.raw.get("type") or loc.raw.get("class") or "place",
                "country_code": ((loc.raw.get("address") or {}).get("country_code") or "").upper(),
                "state": (loc.raw.get("address") or {}).get("state"),
            }
            self._save()
        hit = self.cache[key]
        if hit is None:
            return None
        return PlaceMention(
            start=0, end=len(name), text=name, place_id=f"nominatim:{hit['osm']}",
            name=hit["display_name"].split(",")[0], name_ar=None, latitude=hit["lat"], longitude=hit["lon"],
            admin1=hit.get("state"), feature=hit["type"], country_code=hit["country_code"], match="variant",
            score=0.5, geo_precision=1)

    def _save(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.cache, ensure_ascii=False, indent=0), encoding="utf-8")
        tmp.replace(self.cache_path)


def lookup_with_fallback(gazetteer, name: str, online: OnlineGeocoder | None = None, limit: int = 10):
    """Offline candidates; the online geocoder is asked only when the gazetteer has none."""
    found = gazetteer.lookup(name, limit=limit)
    if found or online is None:
        return found
    hit = online.geocode(name)
    return [hit] if hit else []
