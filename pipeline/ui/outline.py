"""A coarse, hand-drawn outline of Libya (about 80 km accuracy), drawn under the events when the map
runs without a tile server. It is for orientation only; event positions come from the gazetteer."""
from __future__ import annotations

# (longitude, latitude), clockwise from the Tunisian border on the coast.
LIBYA_OUTLINE: tuple[tuple[float, float], ...] = (
    (11.56, 33.17), (12.08, 32.93), (12.73, 32.80), (13.19, 32.90), (13.80, 32.80), (14.26, 32.65),
    (15.09, 32.38), (15.35, 32.10), (15.60, 31.55), (16.10, 31.30), (16.59, 31.21), (17.50, 30.90),
    (18.20, 30.60), (18.57, 30.40), (19.25, 30.27), (19.58, 30.41), (20.00, 30.95), (19.95, 31.60),
    (20.07, 32.12), (20.57, 32.53), (20.95, 32.75), (21.50, 32.92), (22.20, 32.90), (22.64, 32.77),
    (23.10, 32.60), (23.20, 32.25), (23.98, 32.08), (24.60, 31.95), (25.15, 31.67),
    # Egypt
    (24.85, 31.40), (24.70, 30.80), (24.98, 30.00), (25.00, 29.25), (25.00, 22.00),
    # Sudan
    (25.00, 20.00), (24.00, 20.00), (24.00, 19.50),
    # Chad
    (15.99, 23.45),
    # Niger
    (14.98, 22.95), (14.23, 22.61), (13.58, 23.04), (11.99, 23.52),
    # Algeria
    (11.56, 24.25), (10.76, 24.56), (10.25, 24.60), (10.03, 24.90), (10.03, 25.33), (9.40, 26.15),
    (9.49, 26.36), (9.87, 26.51), (9.95, 27.82), (9.77, 28.27), (9.88, 29.00), (9.30, 30.10),
    (9.54, 30.23),
    # Tunisia
    (10.27, 30.92), (10.20, 31.72), (10.90, 32.10), (11.50, 32.42), (11.45, 32.63), (11.56, 33.17),
)

# South-west and north-east corners of the view that shows all of Libya.
LIBYA_BOUNDS: tuple[tuple[float, float], tuple[float, float]] = ((19.0, 9.2), (33.5, 25.3))


def libya_geojson() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {"name": "Libya (approximate outline)"},
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in LIBYA_OUTLINE]]},
        }],
    }
