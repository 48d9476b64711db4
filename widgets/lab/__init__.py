"""Views of the 1-D divergence lab (each draws numbers that engine.lab computed)."""
