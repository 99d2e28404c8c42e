"""Offline channels (leaflet, loudspeaker, Zalo / Facebook group post) and their tracked codes."""
