"""Offline gazetteer for Libya: find place names in Arabic and Latin-script text and resolve them.

    from gazetteer import Gazetteer, default_gazetteer
    gz = default_gazetteer()
    gz.find("غارة قرب مدينة أوباري")      # -> [PlaceMention(... name='Ubari', match='relative' ...)]
    gz.lookup("Awbari")                  # candidates, best first
"""
from gazetteer.core import Gazetteer, default_gazetteer
from pipeline.records import PlaceMention, RelativeOffset

__all__ = ["Gazetteer", "default_gazetteer", "PlaceMention", "RelativeOffset"]
